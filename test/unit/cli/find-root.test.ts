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

  it('finds the nearest aims.yaml above a sub-folder', () => {
    mkdirSync(path.join(dir, 'repo/aims/risks'), { recursive: true });
    writeFileSync(path.join(dir, 'repo/aims.yaml'), 'organisation: X\n');
    expect(findRoot(path.join(dir, 'repo/aims/risks'), undefined)).toBe(path.join(dir, 'repo'));
  });

  it('prefers aims.yaml over an enclosing git work tree', () => {
    mkdirSync(path.join(dir, '.git'));
    mkdirSync(path.join(dir, 'compliance/aims'), { recursive: true });
    writeFileSync(path.join(dir, 'compliance/aims.yaml'), '');
    expect(findRoot(path.join(dir, 'compliance/aims'), undefined)).toBe(path.join(dir, 'compliance'));
  });

  it('falls back to the git work tree, then to the current folder', () => {
    mkdirSync(path.join(dir, 'repo/.git'), { recursive: true });
    mkdirSync(path.join(dir, 'repo/a/b'), { recursive: true });
    expect(findRoot(path.join(dir, 'repo/a/b'), undefined)).toBe(path.join(dir, 'repo'));
    mkdirSync(path.join(dir, 'plain/x'), { recursive: true });
    expect(findRoot(path.join(dir, 'plain/x'), undefined)).toBe(path.join(dir, 'plain/x'));
  });
});
