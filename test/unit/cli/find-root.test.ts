import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRoot } from '../../../src/cli/find-root.js';

describe('findRoot', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aims-root-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the root the user named, relative to the current folder', () => {
    expect(findRoot(dir, 'sub')).toBe(path.join(dir, 'sub'));
  });

  it('keeps the current folder when it holds aims.yaml or an aims/ folder (the default the record contract names)', () => {
    mkdirSync(path.join(dir, 'outer/inner/aims'), { recursive: true });
    writeFileSync(path.join(dir, 'outer/aims.yaml'), '');
    expect(findRoot(path.join(dir, 'outer/inner'), undefined)).toBe(path.join(dir, 'outer/inner'));
    expect(findRoot(path.join(dir, 'outer'), undefined)).toBe(path.join(dir, 'outer'));
  });

  it('from a sub-folder of the records, finds the nearest aims.yaml above', () => {
    mkdirSync(path.join(dir, 'repo/aims/risks'), { recursive: true });
    writeFileSync(path.join(dir, 'repo/aims.yaml'), 'organisation: X\n');
    expect(findRoot(path.join(dir, 'repo/aims/risks'), undefined)).toBe(path.join(dir, 'repo'));
  });

  it('falls back to the current folder when nothing above holds aims.yaml', () => {
    mkdirSync(path.join(dir, 'plain/x'), { recursive: true });
    expect(findRoot(path.join(dir, 'plain/x'), undefined)).toBe(path.join(dir, 'plain/x'));
  });
});
