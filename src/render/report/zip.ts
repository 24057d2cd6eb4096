import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal, deterministic ZIP writer (deflate, tiny files stored; no timestamps: every entry is dated
 * 1980-01-01), so the same pack always gives the same archive bytes. Above 65,535 entries, or
 * when an offset or size no longer fits 32 bits, it writes the ZIP64 records that unzip tools
 * expect.
 */
export const ZIP_COMMENT = 'aims evidence pack';

const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const SMALL = 128;

export function zip(entries: ReadonlyMap<string, Uint8Array>, prefix: string): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const names = [...entries.keys()].sort();
  for (const name of names) {
    const data = entries.get(name) as Uint8Array;
    const fileName = Buffer.from(`${prefix}/${name}`, 'utf8');
    // Deflating a tiny file saves nothing and costs time (a pack may hold tens of thousands).
    const method = data.length < SMALL ? 0 : 8;
    const compressed = method === 8 ? deflateRawSync(data, { level: 9 }) : Buffer.from(data);
    const crc = crc32(data);
    const wide = data.length >= MAX32 || compressed.length >= MAX32 || offset >= MAX32;
    const version = wide ? 45 : 20;
    // ZIP64 extended information: sizes (local and central), then the offset (central only).
    const extra64 = (withOffset: boolean): Buffer => {
      const b = Buffer.alloc(withOffset ? 28 : 20);
      b.writeUInt16LE(0x0001, 0);
      b.writeUInt16LE(b.length - 4, 2);
      b.writeBigUInt64LE(BigInt(data.length), 4);
      b.writeBigUInt64LE(BigInt(compressed.length), 12);
      if (withOffset) b.writeBigUInt64LE(BigInt(offset), 20);
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
    local.writeUInt32LE(wide ? MAX32 : compressed.length, 18);
    local.writeUInt32LE(wide ? MAX32 : data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    chunks.push(local, fileName, localExtra, compressed);

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
    header.writeUInt32LE(wide ? MAX32 : compressed.length, 20);
    header.writeUInt32LE(wide ? MAX32 : data.length, 24);
    header.writeUInt16LE(fileName.length, 28);
    header.writeUInt16LE(centralExtra.length, 30);
    header.writeUInt32LE(wide ? MAX32 : offset, 42);
    central.push(header, fileName, centralExtra);
    offset += local.length + fileName.length + localExtra.length + compressed.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const tail: Buffer[] = [];
  const needs64 = names.length > MAX16 || offset >= MAX32 || centralSize >= MAX32;
  if (needs64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4); // size of the rest of this record
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(names.length), 24);
    record.writeBigUInt64LE(BigInt(names.length), 32);
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
  end.writeUInt16LE(needs64 ? MAX16 : names.length, 8);
  end.writeUInt16LE(needs64 ? MAX16 : names.length, 10);
  end.writeUInt32LE(needs64 ? MAX32 : centralSize, 12);
  end.writeUInt32LE(needs64 ? MAX32 : offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...chunks, ...central, ...tail, end, comment]);
}
