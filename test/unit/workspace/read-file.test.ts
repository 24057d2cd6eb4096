import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegularFile, streamRegularFile } from '../../../src/workspace/read-file.js';

let base: string;
let root: string;

beforeEach(() => {
  base = realpathSync(mkdtempSync(path.join(tmpdir(), 'aims-read-file-')));
  root = path.join(base, 'repo');
  mkdirSync(root);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const read = (rel: string, limit = 1000) => readRegularFile(root, path.join(root, rel), limit);
const rule = (rel: string, limit?: number): string | undefined => {
  const result = read(rel, limit);
  return 'problem' in result ? result.problem.rule : undefined;
};

describe('readRegularFile (the reading policy)', () => {
  it('reads a regular file inside the root, also through a link that stays inside', () => {
    writeFileSync(path.join(root, 'a.yaml'), 'kind: risk\n');
    symlinkSync('a.yaml', path.join(root, 'b.yaml'));
    for (const rel of ['a.yaml', 'b.yaml']) {
      const result = read(rel);
      expect('bytes' in result && result.bytes.toString()).toBe('kind: risk\n');
    }
  });

  it('refuses a link out of the root without reading the target', () => {
    writeFileSync(path.join(base, 'secret.yaml'), 'secret: 1\n');
    symlinkSync('../secret.yaml', path.join(root, 'out.yaml'));
    const result = read('out.yaml');
    expect(result).toMatchObject({ problem: { rule: 'file/not-a-file', message: expect.stringMatching(/outside the repository/) } });
  });

  it('refuses a FIFO (without blocking), a device and a folder, checked on the open handle', () => {
    expect(spawnSync('mkfifo', [path.join(root, 'pipe.yaml')]).status).toBe(0);
    symlinkSync('pipe.yaml', path.join(root, 'to-pipe.yaml'));
    mkdirSync(path.join(root, 'dir.yaml'));
    expect(read('pipe.yaml')).toMatchObject({ problem: { rule: 'file/not-a-file', message: expect.stringMatching(/named pipe/) } });
    expect(rule('to-pipe.yaml')).toBe('file/not-a-file');
    expect(read('dir.yaml')).toMatchObject({ problem: { rule: 'file/not-a-file', message: expect.stringMatching(/directory/) } });
    // /dev/zero is outside any root; as the root itself it is refused for being a device.
    expect(readRegularFile('/dev', '/dev/zero', 1000)).toMatchObject({ problem: { rule: 'file/not-a-file', message: expect.stringMatching(/device/) } });
  });

  it('refuses a file over the limit before reading it, and reads one at the limit', () => {
    writeFileSync(path.join(root, 'big.yaml'), 'x'.repeat(1001));
    writeFileSync(path.join(root, 'edge.yaml'), 'x'.repeat(1000));
    expect(read('big.yaml')).toMatchObject({ problem: { rule: 'file/too-large', message: expect.stringMatching(/1001 bytes, over the 1000 bytes limit/) } });
    expect(rule('edge.yaml')).toBeUndefined();
  });

  it('says what is missing', () => {
    expect(read('nothing.yaml')).toMatchObject({ problem: { rule: 'file/unreadable' } });
  });
});

describe('streamRegularFile (evidence, copied as a stream)', () => {
  it('passes the whole file on in chunks and counts it', () => {
    writeFileSync(path.join(root, 'e.bin'), Buffer.alloc(3 * 1024 * 1024 + 5, 7));
    let seen = 0;
    const result = streamRegularFile(path.join(root, 'e.bin'), 10 * 1024 * 1024, (chunk) => (seen += chunk.length));
    expect(result).toEqual({ bytes: 3 * 1024 * 1024 + 5 });
    expect(seen).toBe(3 * 1024 * 1024 + 5);
  });

  it('cuts off a file that grows past the limit while it is read, passing on no byte beyond the limit', () => {
    const file = path.join(root, 'growing.md');
    writeFileSync(file, 'small\n');
    let seen = 0;
    const result = streamRegularFile(file, 1000, (chunk) => {
      seen += chunk.length;
      appendFileSync(file, Buffer.alloc(5000, 1)); // the file grows behind the reader's back
    });
    expect(result).toMatchObject({ problem: { rule: 'file/too-large', message: expect.stringMatching(/grew past the 1000 bytes limit while it was read/) } });
    expect(seen).toBeLessThanOrEqual(1000);
  });

  it('cuts off a file whose size lies (a /proc file says 0 bytes and has more)', () => {
    let seen = 0;
    const result = streamRegularFile('/proc/self/maps', 16, (chunk) => (seen += chunk.length));
    expect(result).toMatchObject({ problem: { rule: 'file/too-large' } });
    expect(seen).toBeLessThanOrEqual(16);
  });

  it('reads a file whose size says 0 whole, in chunks that grow (not a byte at a time)', () => {
    const chunks: Buffer[] = [];
    const result = streamRegularFile('/proc/self/maps', 1024 * 1024, (chunk) => chunks.push(Buffer.from(chunk)));
    const total = chunks.reduce((n, c) => n + c.length, 0);
    expect(total).toBeGreaterThan(100);
    expect(result).toEqual({ bytes: total });
    expect(chunks.length).toBeLessThan(Math.log2(total) + 3);
  });

  it('refuses a FIFO without waiting for a writer', () => {
    const fifo = path.join(root, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(streamRegularFile(fifo, 1000, () => undefined)).toMatchObject({ problem: { rule: 'file/not-a-file' } });
  });
});
