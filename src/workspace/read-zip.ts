import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

/**
 * Reads a ZIP archive (ZIP64 included) without writing anything to disk and without holding it
 * whole: the central directory is read with positional reads, each entry's local header is
 * checked against it, and an entry's data is inflated as a stream, capped at the size the
 * directory declares (so an archive bomb cannot exhaust memory), its size and CRC-32 compared
 * at the end. Any inconsistency is a ZipError naming the entry.
 *
 * Hand-written rather than yauzl: yauzl neither checks CRC-32 nor compares an entry's local
 * header with the central directory, and `aims verify` must catch both (a pack edited by hand).
 */
export class ZipError extends Error {
  override readonly name = 'ZipError';
}

/** Where an archive's bytes are: a file (by handle) or memory. */
export interface ZipSource {
  size: number;
  /** Up to `length` bytes from `position` (fewer only at the end). */
  read(position: number, length: number): Promise<Buffer>;
}

export interface ZipEntryInfo {
  name: string;
  /** Folders (names ending in "/") and links are listed but carry no data. */
  kind: 'file' | 'folder' | 'other';
  /** The uncompressed size the central directory declares. */
  size: number;
  method: number;
  crc: number;
  compressedSize: number;
  /** Where the entry's data begins (after its local header). */
  dataStart: number;
}

export interface ZipEntry {
  name: string;
  kind: 'file' | 'folder' | 'other';
  data: Uint8Array;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;
/** A central directory larger than this (about a million entries) is refused rather than read. */
const MAX_DIRECTORY_BYTES = 128 * 1024 * 1024;
/** Compressed bytes read at a time. */
const CHUNK = 1024 * 1024;

export function fileSource(handle: FileHandle, size: number): ZipSource {
  return {
    size,
    async read(position, length) {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    },
  };
}

export function memorySource(archive: Buffer): ZipSource {
  return { size: archive.length, read: (position, length) => Promise.resolve(archive.subarray(position, position + length)) };
}

/**
 * Every entry of the central directory, each local header checked against it.
 * `maxTotalSize`: refuse an archive whose files declare more bytes in all.
 */
export async function listZip(source: ZipSource, options: { maxTotalSize?: number } = {}): Promise<ZipEntryInfo[]> {
  let total = 0;
  const tailStart = Math.max(0, source.size - 22 - 0xffff - 20);
  const tail = await source.read(tailStart, source.size - tailStart);
  const end = findEndOfCentralDirectory(tail);
  let count = tail.readUInt16LE(end + 10);
  let size = tail.readUInt32LE(end + 12);
  let offset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || size === MAX32 || offset === MAX32) {
    const locator = end - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipError('the ZIP64 end of central directory locator is missing');
    const at = safeNumber(tail.readBigUInt64LE(locator + 8), 'ZIP64 record offset');
    const record = await source.read(at, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipError('the ZIP64 end of central directory record is damaged');
    count = safeNumber(record.readBigUInt64LE(32), 'entry count');
    size = safeNumber(record.readBigUInt64LE(40), 'central directory size');
    offset = safeNumber(record.readBigUInt64LE(48), 'central directory offset');
  }
  if (offset + size > source.size) throw new ZipError('the central directory lies outside the archive');
  if (size > MAX_DIRECTORY_BYTES) throw new ZipError(`its central directory is larger than ${MAX_DIRECTORY_BYTES} bytes`);
  const directory = await source.read(offset, size);
  const entries: ZipEntryInfo[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) throw new ZipError(`central directory entry ${n + 1} is damaged`);
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    const crc = directory.readUInt32LE(at + 16);
    let compressedSize = directory.readUInt32LE(at + 20);
    let uncompressedSize = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const externalAttributes = directory.readUInt32LE(at + 38);
    let local = directory.readUInt32LE(at + 42);
    const nameBytes = directory.subarray(at + 46, at + 46 + nameLength);
    const name = nameBytes.toString('utf8');
    // ZIP64 extended information: the 8-byte values replace, in this order, those saturated above.
    const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(e);
      const length = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let p = e + 4;
        const next = (what: string): number => {
          if (p + 8 > e + 4 + length || p + 8 > extra.length) throw new ZipError(`${name}: the ZIP64 extra field is too short`);
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
    const kind = name.endsWith('/') ? 'folder' : unixType !== 0 && unixType !== 0o100000 ? 'other' : 'file';
    const info: ZipEntryInfo = { name, kind, size: uncompressedSize, method, crc, compressedSize, dataStart: 0 };
    entries.push(info);
    if (kind !== 'file') continue;
    total += uncompressedSize;
    if (options.maxTotalSize !== undefined && total > options.maxTotalSize) throw new ZipError(`its entries inflate to more than ${options.maxTotalSize} bytes`);
    const header = await source.read(local, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw new ZipError(`${name}: its local header is missing`);
    const localName = await source.read(local + 30, header.readUInt16LE(26));
    if (!localName.equals(nameBytes)) throw new ZipError(`${name}: its local header names another file`);
    info.dataStart = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (info.dataStart + compressedSize > source.size) throw new ZipError(`${name}: its data runs past the end of the archive`);
    if (method !== 0 && method !== 8) throw new ZipError(`${name}: compression method ${method} is not supported`);
  }
  return entries;
}

/**
 * An entry's data, inflated as a stream and passed to `onChunk` piece by piece; a ZipError
 * (after some chunks perhaps) when it holds more or fewer bytes than declared, or another CRC-32.
 */
export async function streamZipEntry(source: ZipSource, entry: ZipEntryInfo, onChunk: (chunk: Buffer) => void): Promise<void> {
  const raw = Readable.from(compressedChunks(source, entry), { objectMode: false });
  // One byte over the declared size is enough to prove a lie, and bounds the memory used.
  const data: Readable = entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 64 * 1024 })) : raw;
  raw.on('error', (error) => data.destroy(error));
  let seen = 0;
  let crc = 0;
  try {
    for await (const chunk of data as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > entry.size) throw new ZipError(`${entry.name}: its data does not inflate to the declared ${entry.size} bytes`);
      crc = crc32(chunk, crc);
      onChunk(chunk);
    }
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError(`${entry.name}: its data does not inflate to the declared ${entry.size} bytes`);
  } finally {
    raw.destroy();
    data.destroy();
  }
  if (seen !== entry.size) throw new ZipError(`${entry.name}: it holds ${seen} bytes, the directory says ${entry.size}`);
  if (crc >>> 0 !== entry.crc) throw new ZipError(`${entry.name}: its CRC-32 does not match its data`);
}

async function* compressedChunks(source: ZipSource, entry: ZipEntryInfo): AsyncGenerator<Buffer> {
  for (let done = 0; done < entry.compressedSize; ) {
    const chunk = await source.read(entry.dataStart + done, Math.min(CHUNK, entry.compressedSize - done));
    if (chunk.length === 0) throw new ZipError(`${entry.name}: its data runs past the end of the archive`);
    done += chunk.length;
    yield chunk;
  }
}

/** A whole archive in memory, every entry read and checked (a spreadsheet; tests). */
export async function readZip(archive: Buffer, options: { maxTotalSize?: number } = {}): Promise<ZipEntry[]> {
  const source = memorySource(archive);
  const out: ZipEntry[] = [];
  for (const entry of await listZip(source, options)) {
    const chunks: Buffer[] = [];
    if (entry.kind === 'file') await streamZipEntry(source, entry, (chunk) => chunks.push(Buffer.from(chunk)));
    out.push({ name: entry.name, kind: entry.kind, data: Buffer.concat(chunks) });
  }
  return out;
}

function findEndOfCentralDirectory(tail: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 0xffff); at--) {
    if (tail.readUInt32LE(at) === EOCD && at + 22 + tail.readUInt16LE(at + 20) === tail.length) return at;
  }
  throw new ZipError('it is not a ZIP archive (no end of central directory)');
}

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError(`the ${what} is impossibly large`);
  return Number(value);
}
