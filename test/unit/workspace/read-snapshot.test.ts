import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import type { RecordFile } from '../../../src/model/snapshot.js';
import { readConfigFile, readSnapshot } from '../../../src/workspace/read-snapshot.js';

let root: string;

function write(rel: string, content: string | Uint8Array = 'kind: risk\n'): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const defaults = { records: DEFAULT_CONFIG.records, maxFileSize: DEFAULT_CONFIG.maxFileSize };

/** What each record file turned into: its text, or the rule of its problem. */
function outcome(files: readonly RecordFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.path, 'text' in f ? f.text : f.unreadable.rule]));
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'aims-snapshot-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('readSnapshot', () => {
  it('reads the files the default globs select, sorted, and nothing else', async () => {
    write('aims/scope.yaml', 'kind: scope\n');
    write('aims/risks/r1.yml', 'kind: risk\n');
    write('aims/notes.md', '# notes');
    write('other/x.yaml');
    write('.github/workflows/ci.yaml', 'on: push\n');
    const snapshot = await readSnapshot(root, defaults);
    expect(outcome(snapshot.recordFiles)).toEqual({ 'aims/risks/r1.yml': 'kind: risk\n', 'aims/scope.yaml': 'kind: scope\n' });
    expect(snapshot.recordFiles.map((f) => f.path)).toEqual(['aims/risks/r1.yml', 'aims/scope.yaml']);
    // The index knows the paths under the globs' base folder (aims/), and nothing outside it.
    expect(snapshot.paths.get('aims/notes.md')).toBe('file');
    expect(snapshot.paths.has('.github/workflows/ci.yaml')).toBe(false);
    expect(snapshot.paths.has('other/x.yaml')).toBe(false);
  });

  it('refuses the records under a base folder that is a link out of the repository, and says so', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'aims-outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.yaml'), 'kind: risk\n');
      symlinkSync(outside, path.join(root, 'aims'));
      const snapshot = await readSnapshot(root, defaults);
      expect(outcome(snapshot.recordFiles)).toEqual({ aims: 'file/not-a-file' });
      expect(snapshot.paths.has('aims/secret.yaml')).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('warns about record-like files only inside the base folders', async () => {
    write('aims/risks/r.yaml', 'kind: risk\n');
    write('aims/risks/old/draft.yaml', 'kind: risk\n');
    write('aims/risks/LOUD.YAML', 'kind: risk\n');
    write('docs/draft.yaml', 'kind: risk\n');
    const snapshot = await readSnapshot(root, { records: ['aims/*/*.yaml'], maxFileSize: 1000 });
    expect(snapshot.strays).toEqual([
      { path: 'aims/risks/LOUD.YAML', reason: 'extension' },
      { path: 'aims/risks/old/draft.yaml', reason: 'outside', kind: 'risk', line: 1 },
    ]);
  });

  it('does not take a CI workflow or aims.yaml for a record, even with a catch-all glob', async () => {
    write('aims.yaml', 'records: ["**/*.yaml"]\n');
    write('.github/workflows/ci.yaml', 'on: push\n');
    write('aims/.hidden/x.yaml');
    write('records/a.yaml');
    const snapshot = await readSnapshot(root, { records: ['**/*.yaml'], maxFileSize: 1000 });
    expect(snapshot.recordFiles.map((f) => f.path)).toEqual(['records/a.yaml']);
  });

  it('uses custom globs', async () => {
    write('governance/risks/r.yaml');
    write('aims/ignored.yaml');
    const snapshot = await readSnapshot(root, { records: ['governance/**/*.yaml'], maxFileSize: 1000 });
    expect(snapshot.recordFiles.map((f) => f.path)).toEqual(['governance/risks/r.yaml']);
    expect((await readSnapshot(root, { records: [], maxFileSize: 1000 })).recordFiles).toEqual([]);
  });

  it('reports a directory named like a record file as file/not-a-file', async () => {
    mkdirSync(path.join(root, 'aims/x.yaml'), { recursive: true });
    write('aims/x.yaml/inner.yaml');
    const snapshot = await readSnapshot(root, defaults);
    expect(outcome(snapshot.recordFiles)).toEqual({ 'aims/x.yaml': 'file/not-a-file', 'aims/x.yaml/inner.yaml': 'kind: risk\n' });
  });

  it('refuses a file over the size limit without reading it', async () => {
    write('aims/small.yaml', 'kind: risk\n');
    write('aims/huge.yaml', '');
    // A sparse 3 GiB file: reading it whole would fail (over Node's buffer limit), so file/too-large proves it was not read.
    truncateSync(path.join(root, 'aims/huge.yaml'), 3 * 1024 ** 3);
    const snapshot = await readSnapshot(root, { records: DEFAULT_CONFIG.records, maxFileSize: 100 });
    expect(outcome(snapshot.recordFiles)).toEqual({ 'aims/huge.yaml': 'file/too-large', 'aims/small.yaml': 'kind: risk\n' });
    const huge = snapshot.recordFiles.find((f) => f.path === 'aims/huge.yaml');
    expect(huge && 'unreadable' in huge && huge.unreadable.message).toContain('3072.0 MB');
  });

  it('reads a file exactly at the size limit', async () => {
    write('aims/edge.yaml', 'kind: risk\n');
    expect(outcome((await readSnapshot(root, { records: DEFAULT_CONFIG.records, maxFileSize: 11 })).recordFiles)).toEqual({ 'aims/edge.yaml': 'kind: risk\n' });
    expect(outcome((await readSnapshot(root, { records: DEFAULT_CONFIG.records, maxFileSize: 10 })).recordFiles)).toEqual({ 'aims/edge.yaml': 'file/too-large' });
  });

  it('decodes each file: binary and bad UTF-8 become problems, a BOM is dropped', async () => {
    write('aims/logo.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    write('aims/latin1.yaml', Buffer.concat([Buffer.from('kind: risk\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    write('aims/bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('kind: risk\n')]));
    const snapshot = await readSnapshot(root, defaults);
    expect(outcome(snapshot.recordFiles)).toEqual({ 'aims/bom.yaml': 'kind: risk\n', 'aims/latin1.yaml': 'file/encoding', 'aims/logo.yaml': 'file/binary' });
    const latin1 = snapshot.recordFiles.find((f) => f.path === 'aims/latin1.yaml');
    expect(latin1 && 'unreadable' in latin1 && latin1.unreadable).toMatchObject({ line: 2, column: 11 });
  });

  it('does not read a record-named link that points outside, or a broken one', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'aims-outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.yaml'), 'kind: risk\n');
      mkdirSync(path.join(root, 'aims'));
      symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'aims/secret.yaml'));
      symlinkSync(path.join(root, 'aims/none.yaml'), path.join(root, 'aims/broken.yaml'));
      write('aims/real.yaml', 'kind: policy\n');
      symlinkSync(path.join(root, 'aims/real.yaml'), path.join(root, 'aims/alias.yaml'));
      const snapshot = await readSnapshot(root, defaults);
      expect(outcome(snapshot.recordFiles)).toEqual({
        'aims/alias.yaml': 'kind: policy\n',
        'aims/broken.yaml': 'file/not-a-file',
        'aims/real.yaml': 'kind: policy\n',
        'aims/secret.yaml': 'file/not-a-file',
      });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('carries the config it was given', async () => {
    const config = { path: 'aims.yaml', text: 'organisation: Acme\n' };
    expect((await readSnapshot(root, { ...defaults, config })).config).toBe(config);
    expect('config' in (await readSnapshot(root, defaults))).toBe(false);
  });
});

describe('readConfigFile', () => {
  it('returns undefined when there is no aims.yaml', async () => {
    expect(await readConfigFile(root)).toBeUndefined();
  });

  it('reads aims.yaml as text, dropping a BOM', async () => {
    write('aims.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('organisation: Acme\r\n')]));
    expect(await readConfigFile(root)).toEqual({ path: 'aims.yaml', text: 'organisation: Acme\r\n' });
  });

  it('reports an aims.yaml that is a directory, or binary', async () => {
    mkdirSync(path.join(root, 'aims.yaml'));
    expect(await readConfigFile(root)).toMatchObject({ path: 'aims.yaml', unreadable: { rule: 'file/not-a-file' } });
    rmSync(path.join(root, 'aims.yaml'), { recursive: true });
    write('aims.yaml', Buffer.from([0x00, 0x01]));
    expect(await readConfigFile(root)).toMatchObject({ path: 'aims.yaml', unreadable: { rule: 'file/binary' } });
  });
});
