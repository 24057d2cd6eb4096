import { crc32, inflateRawSync } from 'node:zlib';

/**
 * Reads a ZIP archive held in memory (ZIP64 included) without writing anything to disk: each
 * entry's local header is checked against the central directory, its data inflated with a cap of
 * the size the directory declares (so an archive bomb cannot exhaust memory), and its size and
 * CRC-32 compared. Any inconsistency is a ZipError naming the entry.
 */
export class ZipError extends Error {
  override readonly name = 'ZipError';
}

export interface ZipEntry {
  name: string;
  /** Folders (names ending in "/") and links are listed but carry no data. */
  kind: 'file' | 'folder' | 'other';
  data: Uint8Array;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/** `maxTotalSize`: refuse (a ZipError) an archive whose entries inflate to more bytes in all, before inflating past it. */
export function readZip(archive: Buffer, options: { maxTotalSize?: number } = {}): ZipEntry[] {
  let total = 0;
  const end = findEndOfCentralDirectory(archive);
  let count = archive.readUInt16LE(end + 10);
  let size = archive.readUInt32LE(end + 12);
  let offset = archive.readUInt32LE(end + 16);
  if (count === 0xffff || size === MAX32 || offset === MAX32) {
    const locator = end - 20;
    if (locator < 0 || archive.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipError('the ZIP64 end of central directory locator is missing');
    const record = safeNumber(archive.readBigUInt64LE(locator + 8), 'ZIP64 record offset');
    if (record + 56 > archive.length || archive.readUInt32LE(record) !== ZIP64_EOCD) throw new ZipError('the ZIP64 end of central directory record is damaged');
    count = safeNumber(archive.readBigUInt64LE(record + 32), 'entry count');
    size = safeNumber(archive.readBigUInt64LE(record + 40), 'central directory size');
    offset = safeNumber(archive.readBigUInt64LE(record + 48), 'central directory offset');
  }
  if (offset + size > archive.length) throw new ZipError('the central directory lies outside the archive');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== CENTRAL) throw new ZipError(`central directory entry ${n + 1} is damaged`);
    const flags = archive.readUInt16LE(at + 8);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    let compressedSize = archive.readUInt32LE(at + 20);
    let uncompressedSize = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const externalAttributes = archive.readUInt32LE(at + 38);
    let local = archive.readUInt32LE(at + 42);
    const nameBytes = archive.subarray(at + 46, at + 46 + nameLength);
    const name = nameBytes.toString('utf8');
    // ZIP64 extended information: the 8-byte values replace, in this order, those saturated above.
    const extra = archive.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(e);
      const length = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        const next = (what: string): number => {
          if (p + 8 > e + 4 + length) throw new ZipError(`${name}: the ZIP64 extra field is too short`);
          const value = safeNumber(extra.readBigUInt64LE(p), what);
          p += 8;
          return value;
        };
        if (uncompressedSize === MAX32) uncompressedSize = next('size');
        if (compressedSize === MAX32) compressedSize = next('compressed size');
        if (local === MAX32) local = next('offset');
      }
      e += 4 + length;
    }
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & 0x0001) throw new ZipError(`${name}: encrypted entries are not accepted`);
    const unixType = (externalAttributes >>> 16) & 0o170000;
    if (name.endsWith('/')) {
      entries.push({ name, kind: 'folder', data: new Uint8Array() });
      continue;
    }
    if (unixType !== 0 && unixType !== 0o100000) {
      entries.push({ name, kind: 'other', data: new Uint8Array() });
      continue;
    }
    total += uncompressedSize;
    if (options.maxTotalSize !== undefined && total > options.maxTotalSize) throw new ZipError(`its entries inflate to more than ${options.maxTotalSize} bytes`);
    if (local + 30 > archive.length || archive.readUInt32LE(local) !== LOCAL) throw new ZipError(`${name}: its local header is missing`);
    const localName = archive.subarray(local + 30, local + 30 + archive.readUInt16LE(local + 26));
    if (!localName.equals(nameBytes)) throw new ZipError(`${name}: its local header names another file`);
    const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    if (dataStart + compressedSize > archive.length) throw new ZipError(`${name}: its data runs past the end of the archive`);
    const raw = archive.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        // One byte over the declared size is enough to prove a lie, and bounds the memory used.
        data = inflateRawSync(raw, { maxOutputLength: uncompressedSize + 1 });
      } catch {
        throw new ZipError(`${name}: its data does not inflate to the declared ${uncompressedSize} bytes`);
      }
    } else throw new ZipError(`${name}: compression method ${method} is not supported`);
    if (data.length !== uncompressedSize) throw new ZipError(`${name}: it holds ${data.length} bytes, the directory says ${uncompressedSize}`);
    if (crc32(data) >>> 0 !== crc) throw new ZipError(`${name}: its CRC-32 does not match its data`);
    entries.push({ name, kind: 'file', data });
  }
  return entries;
}

function findEndOfCentralDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let at = archive.length - 22; at >= Math.max(0, archive.length - 22 - 0xffff); at--) {
    if (archive.readUInt32LE(at) === EOCD && at + 22 + archive.readUInt16LE(at + 20) === archive.length) return at;
  }
  throw new ZipError('it is not a ZIP archive (no end of central directory)');
}

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError(`the ${what} is impossibly large`);
  return Number(value);
}
