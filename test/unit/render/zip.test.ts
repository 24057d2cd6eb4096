/**
 * The archive writer and reader: ZIP64 above 65,535 entries (what unzip tools need), and the
 * reader's checks of sizes and CRCs, which `aims verify pack.zip` relies on.
 */
import { describe, expect, it } from 'vitest';
import { zip } from '../../../src/render/report/zip.js';
import { readZip, ZipError } from '../../../src/workspace/read-zip.js';

describe('zip', () => {
  it('writes ZIP64 records above 65,535 entries, and every entry reads back', async () => {
    const entries = new Map<string, Uint8Array>();
    for (let i = 0; i < 70_000; i++) entries.set(`evidence/f${i}.txt`, Buffer.from(`file ${i}\n`));
    const archive = Buffer.from(zip(entries, 'pack'));
    // The classic end record saturates its counts; the ZIP64 record and locator carry the real ones.
    const end = archive.length - 22 - Buffer.byteLength('aims evidence pack');
    expect(archive.readUInt32LE(end)).toBe(0x06054b50);
    expect(archive.readUInt16LE(end + 10)).toBe(0xffff);
    expect(archive.readUInt32LE(end - 20)).toBe(0x07064b50);
    const record = Number(archive.readBigUInt64LE(end - 20 + 8));
    expect(archive.readUInt32LE(record)).toBe(0x06064b50);
    expect(Number(archive.readBigUInt64LE(record + 32))).toBe(70_000);
    const read = await readZip(archive);
    expect(read).toHaveLength(70_000);
    expect(Buffer.from(read.find((e) => e.name === 'pack/evidence/f69999.txt')?.data ?? []).toString()).toBe('file 69999\n');
  }, 120_000);

  it('small archives stay classic ZIP (no ZIP64 records)', async () => {
    const archive = Buffer.from(zip(new Map([['index.html', Buffer.from('<p>hi</p>')]]), 'pack'));
    expect(archive.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(false);
    expect((await readZip(archive)).map((e) => e.name)).toEqual(['pack/index.html']);
  });

  it('the reader refuses a declared size that the data does not have, and a wrong CRC', async () => {
    const archive = Buffer.from(zip(new Map([['a.txt', Buffer.from('hello world, hello world. '.repeat(20))]]), 'p'));
    const central = archive.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const wrongSize = Buffer.from(archive);
    wrongSize.writeUInt32LE(5, central + 24);
    await expect(readZip(wrongSize)).rejects.toThrow(ZipError);
    const wrongCrc = Buffer.from(archive);
    wrongCrc.writeUInt32LE((wrongCrc.readUInt32LE(central + 16) ^ 1) >>> 0, central + 16);
    await expect(readZip(wrongCrc)).rejects.toThrow(/CRC-32/);
  });

  it('the reader bounds inflation by the declared size (an archive bomb stops early)', async () => {
    const bomb = Buffer.from(zip(new Map([['bomb.bin', Buffer.alloc(50 * 1024 * 1024)]]), 'p'));
    const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(10, central + 24); // claims 10 bytes
    await expect(readZip(bomb)).rejects.toThrow(/does not inflate to the declared 10 bytes/);
  });
});
