import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal, deterministic ZIP writer (deflate, tiny and huge files stored; no timestamps: every entry is dated
 * 1980-01-01), so the same pack always gives the same archive bytes. Above 65,535 entries, or
 * when an offset or size no longer fits 32 bits, it writes the ZIP64 records that unzip tools
 * expect.
 */
export const ZIP_COMMENT = 'aims evidence pack';

const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const SMALL = 128;

/**
 * One archive entry. Content in memory (`data`) is deflated; content read in chunks (a copied
 * evidence file) is deflated when smaller than DEFLATE_LIMIT and otherwise stored, streamed
 * twice (once for its CRC, once into the archive) so that no large file is ever held whole.
 * A chunk need only stay valid until the next one is read (the reader may reuse its buffer).
 */
export type ZipEntry = { name: string; data: Uint8Array } | { name: string; size: number; chunks: () => Iterable<Uint8Array>; /** when already known, saves the first pass */ crc32?: number };

/** Above this, a streamed entry is stored rather than deflated (deflating needs it whole). */
export const DEFLATE_LIMIT = 8 * 1024 * 1024;

/** The whole archive in memory (small packs, tests). */
export function zip(entries: ReadonlyMap<string, Uint8Array>, prefix: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeZip([...entries].map(([name, data]) => ({ name, data })), prefix, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}

/** Writes the archive to `sink` chunk by chunk, entries sorted by name. */
export function writeZip(entries: readonly ZipEntry[], prefix: string, sink: (chunk: Uint8Array) => void): void {
  const central: Buffer[] = [];
  let offset = 0;
  const write = (chunk: Uint8Array): void => {
    sink(chunk);
    offset += chunk.length;
  };
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of sorted) {
    const fileName = Buffer.from(`${prefix}/${entry.name}`, 'utf8');
    const whole = 'data' in entry ? entry.data : entry.size < DEFLATE_LIMIT ? readWhole(entry.chunks()) : undefined;
    const size = whole ? whole.length : (entry as { size: number }).size;
    // Deflating a tiny file saves nothing and costs time (a pack may hold tens of thousands).
    const method = whole && whole.length >= SMALL ? 8 : 0;
    const compressed = whole ? (method === 8 ? deflateRawSync(whole, { level: 9 }) : whole) : undefined;
    const compressedSize = compressed ? compressed.length : size;
    let crc = 0;
    if (whole) crc = crc32(whole);
    else if ('crc32' in entry) crc = entry.crc32;
    else for (const chunk of (entry as { chunks: () => Iterable<Uint8Array> }).chunks()) crc = crc32(chunk, crc);
    const start = offset;
    const wide = size >= MAX32 || compressedSize >= MAX32 || start >= MAX32;
    const version = wide ? 45 : 20;
    // ZIP64 extended information: sizes (local and central), then the offset (central only).
    const extra64 = (withOffset: boolean): Buffer => {
      const b = Buffer.alloc(withOffset ? 28 : 20);
      b.writeUInt16LE(0x0001, 0);
      b.writeUInt16LE(b.length - 4, 2);
      b.writeBigUInt64LE(BigInt(size), 4);
      b.writeBigUInt64LE(BigInt(compressedSize), 12);
      if (withOffset) b.writeBigUInt64LE(BigInt(start), 20);
      return b;
    };
    const localExtra = wide ? extra64(false) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8); // 0 stored, 8 deflate
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(0x21, 12); // date 1980-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(wide ? MAX32 : compressedSize, 18);
    local.writeUInt32LE(wide ? MAX32 : size, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    write(local);
    write(fileName);
    write(localExtra);
    if (compressed) write(compressed);
    else {
      let written = 0;
      for (const chunk of (entry as { chunks: () => Iterable<Uint8Array> }).chunks()) {
        written += chunk.length;
        write(chunk);
      }
      // The second read must give what the header already promised.
      if (written !== size) throw new Error(`${entry.name} changed while it was archived`);
    }

    const centralExtra = wide ? extra64(true) : Buffer.alloc(0);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(version, 4);
    header.writeUInt16LE(version, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc >>> 0, 16);
    header.writeUInt32LE(wide ? MAX32 : compressedSize, 20);
    header.writeUInt32LE(wide ? MAX32 : size, 24);
    header.writeUInt16LE(fileName.length, 28);
    header.writeUInt16LE(centralExtra.length, 30);
    header.writeUInt32LE(wide ? MAX32 : start, 42);
    central.push(header, fileName, centralExtra);
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const tail: Buffer[] = [];
  const needs64 = sorted.length > MAX16 || offset >= MAX32 || centralSize >= MAX32;
  if (needs64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4); // size of the rest of this record
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(sorted.length), 24);
    record.writeBigUInt64LE(BigInt(sorted.length), 32);
    record.writeBigUInt64LE(BigInt(centralSize), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + centralSize), 8);
    locator.writeUInt32LE(1, 16); // total number of disks
    tail.push(record, locator);
  }
  const comment = Buffer.from(ZIP_COMMENT, 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(needs64 ? MAX16 : sorted.length, 8);
  end.writeUInt16LE(needs64 ? MAX16 : sorted.length, 10);
  end.writeUInt32LE(needs64 ? MAX32 : centralSize, 12);
  end.writeUInt32LE(needs64 ? MAX32 : offset, 16);
  end.writeUInt16LE(comment.length, 20);
  for (const chunk of [...central, ...tail, end, comment]) sink(chunk);
}

/** Each chunk copied as it comes: the reader may reuse its buffer for the next. */
function readWhole(chunks: Iterable<Uint8Array>): Buffer {
  const parts: Buffer[] = [];
  for (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}
