import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegularFile } from '../../../src/workspace/read-file.js';

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
