/**
 * `--cache`: the second run reads each unchanged file's check from the cache and gives the same
 * bytes; the cache is untrusted input (it may sit in the repository), so a damaged, foreign,
 * forged or misplaced cache never crashes aims and never changes a verdict.
 */
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeGitRepo, tempDir } from '../helpers/git-repo.js';
import { PROJECT_ROOT, runMain } from '../helpers/run.js';

let repo: { dir: string; cleanup: () => void };
let home: { dir: string; cleanup: () => void };
beforeEach(() => {
  repo = makeGitRepo({ copyFrom: path.join(PROJECT_ROOT, 'examples/broken') });
  home = tempDir('aims-cache-home-');
});
afterEach(() => {
  repo.cleanup();
  home.cleanup();
});

/** The part of validate's JSON output these tests read. */
interface Summary {
  summary: { errors: number };
}

const CACHE = () => path.join(repo.dir, '.aims/cache/checks.json');
const run = (...args: string[]) => runMain(['validate', repo.dir, '--format', 'json', ...args], repo.dir, { XDG_CACHE_HOME: home.dir });
const secret = () => Buffer.from(readFileSync(path.join(home.dir, 'aims/cache-secret'), 'utf8'), 'hex');

/** The cache file split into its header, its signed index (the world, then a line per file) and the store of each file's own check. */
function readCache(): { header: { format: string; key: string; mac: string; index: number }; index: string; store: Buffer } {
  const bytes = readFileSync(CACHE());
  const newline = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.toString('utf8', 0, newline)) as { format: string; key: string; mac: string; index: number };
  const body = bytes.subarray(newline + 1);
  return { header, index: body.toString('utf8', 0, header.index), store: body.subarray(header.index) };
}

/** Writes a cache signed as aims signs it (the test knows the secret, as the user's own aims does): the MAC covers the index only. */
function writeSigned(key: string, index: string, store: Buffer = Buffer.alloc(0), mac = createHmac('sha256', secret()).update(key).update('\n').update(index).digest('hex')): void {
  writeFileSync(CACHE(), Buffer.concat([Buffer.from(`${JSON.stringify({ format: 'aims-cache-3', key, mac, index: Buffer.byteLength(index) })}\n${index}`), store]));
}

/** A file's index line: [path, content hash, parser, facts, outcome (0: none), positions, [offset, length, sha-256 of its check in the store]]. */
type Meta = unknown[];

function parseIndex(index: string): { world: string; lines: Meta[] } {
  const [world = '', ...rest] = index.split('\n');
  return { world, lines: rest.map((line) => JSON.parse(line) as Meta) };
}

function joinIndex(world: string, lines: readonly (Meta | string)[]): string {
  return [world, ...lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line)))].join('\n');
}

/** Every stored outcome without its diagnostics: an index that calls every file clean. */
function allClean(index: string, world?: string): string {
  const parsed = parseIndex(index);
  return joinIndex(
    world ?? parsed.world,
    parsed.lines.map((meta) => meta.map((field, i) => (i === 4 && field !== 0 ? { ...(field as object), diagnostics: [] } : field))),
  );
}

describe('aims validate --cache', () => {
  it('writes the cache in .aims/cache (git-ignored there), and a warm run gives the same bytes, also after one file changed', async () => {
    const plain = await run();
    const cold = await run('--cache');
    expect(existsSync(CACHE())).toBe(true);
    expect(readFileSync(path.join(repo.dir, '.aims/cache/.gitignore'), 'utf8')).toMatch(/^\*$/m);
    const warm = await run('--cache');
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
    expect((JSON.parse(plain.stdout) as Summary).summary.errors).toBeGreaterThan(0);

    // One record changes: its new problem is found, the other files' come from the cache.
    const file = path.join(repo.dir, 'aims/system.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title:'));
    const changed = await run('--cache');
    expect(changed).toEqual(await run());
    expect(changed.stdout).not.toBe(plain.stdout);
  });

  it('uses what the cache holds: a cache signed with the user secret is trusted (which is why the signature is what guards it)', async () => {
    await run('--cache');
    const { header, index, store } = readCache();
    writeSigned(header.key, allClean(index), store);
    const trusted = JSON.parse((await run('--cache')).stdout) as Summary;
    const honest = JSON.parse((await run()).stdout) as Summary;
    expect(trusted.summary.errors).toBeLessThan(honest.summary.errors);
  });

  it('ignores, with a one-line warning, a cache planted or changed by anyone else (its signature does not hold)', async () => {
    const honest = await run();
    await run('--cache');
    const { header, index, store } = readCache();
    // Same key, every broken file called clean, signed with another secret (or copied from another machine).
    writeSigned(header.key, allClean(index), store, createHmac('sha256', Buffer.alloc(32, 7)).update(header.key).update('\n').update(allClean(index)).digest('hex'));
    const forged = await run('--cache');
    expect(forged.stdout).toBe(honest.stdout);
    expect(forged.code).toBe(honest.code);
    expect(forged.stderr).toMatch(/^aims: warning: the cache .* was not written by aims for this user, or was changed since; ignoring it\n$/);
    // And the planted cache is replaced by an honest one.
    const again = await run('--cache');
    expect(again.stdout).toBe(honest.stdout);
    expect(again.stderr).toBe('');
  });

  it('does not read a cache file above 256 MB (a planted sparse file costs no memory): a warning and the honest answer', async () => {
    const honest = await run();
    await run('--cache');
    truncateSync(CACHE(), 256 * 1024 * 1024 + 1);
    const planted = await run('--cache');
    expect(planted.stdout).toBe(honest.stdout);
    expect(planted.stderr).toMatch(/^aims: warning: the cache .* could not be read \(.*\); checking every file\n$/);
  });

  it('never uses a cache written under another key (another aims version, schemas, aims.yaml or parse path), even when signed', async () => {
    const honest = await run();
    await run('--cache');
    const { index, store } = readCache();
    writeSigned('0'.repeat(64), allClean(index), store);
    const other = await run('--cache');
    expect(other.stdout).toBe(honest.stdout);
    expect(other.stderr).toBe('');
  });

  it.each([
    ['garbage bytes', Buffer.from([0xff, 0x00, 0x13, 0x37, 0x0a, 0xfe])],
    ['an empty file', ''],
    ['a header without a body', '{"format":"aims-cache-3","key":"x","mac":"y","index":0}'],
    ['an index longer than the file', '{"format":"aims-cache-3","key":"x","mac":"y","index":99}\n[]'],
    ['JSON of the wrong shape', '[1,2,3]\n{"entries":[]}'],
    ['a truncated cache', 'CUT'],
  ])('ignores a damaged cache (%s) with a one-line warning, same verdict', async (_name, content) => {
    const honest = await run();
    await run('--cache');
    const text = readFileSync(CACHE(), 'utf8');
    writeFileSync(CACHE(), content === 'CUT' ? text.slice(0, Math.floor(text.length / 2)) : content);
    const damaged = await run('--cache');
    expect(damaged.stdout).toBe(honest.stdout);
    expect(damaged.code).toBe(honest.code);
    expect(damaged.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(damaged.stderr).not.toMatch(/\n\s+at /);
  });

  it('a signed cache whose entries are malformed (wrong hash, wrong shapes, other paths) is simply not used', async () => {
    const honest = await run();
    await run('--cache');
    const { header, index, store } = readCache();
    const { world, lines } = parseIndex(index);
    const part = (meta: Meta) => meta[6] as [number, number, string];
    const mangled = lines.map((meta, i): Meta | string => {
      const variants: (Meta | string)[] = [
        [meta[0], '0'.repeat(64), ...meta.slice(2)], // another content hash
        ['elsewhere.yaml', ...meta.slice(1)], // another file's line
        [...meta.slice(0, 3), 'x', ...meta.slice(4)], // facts of the wrong shape
        meta.slice(0, 6), // too short
        [...meta.slice(0, 4), 0, meta[5], [part(meta)[0], part(meta)[1], '0'.repeat(64)]], // no outcome, and a check that is not the one named
        [...meta.slice(0, 4), 0, meta[5], [store.length, 10, part(meta)[2]]], // no outcome, and a check past the end of the store
        [...meta.slice(0, 4), 0, meta[5], 'x'], // no outcome, and no check
        'null',
      ];
      return variants[i % variants.length] as Meta | string;
    });
    writeSigned(header.key, joinIndex(world, mangled), store);
    const used = await run('--cache');
    expect(used.stdout).toBe(honest.stdout);
    expect(used.code).toBe(honest.code);
    // Outcomes judged in another world (other ids, evidence or date) are not taken, even signed: each file is judged again.
    writeSigned(header.key, allClean(index, JSON.stringify({ world: 'another' })), store);
    expect((await run('--cache')).stdout).toBe(honest.stdout);
    const again = readCache();
    writeSigned(again.header.key, allClean(again.index), again.store);
    expect((await run('--cache')).stdout, 'the same lie in the stored world is taken (the signature guards it)').not.toBe(honest.stdout);
  });

  it('the store is not signed but each check in it is named by its hash in the signed index: a check changed there is not used', async () => {
    const honest = await run();
    await run('--cache');
    const { header, index, store } = readCache();
    // Every stored error turned into something else in place (same length, so every offset still holds), and the outcomes dropped so the checks are read.
    const lied = Buffer.from(store.toString('latin1').replaceAll('"severity":"error"', '"severity":"fine!"'), 'latin1');
    expect(lied.equals(store)).toBe(false);
    const { world, lines } = parseIndex(index);
    writeSigned(header.key, joinIndex(world, lines.map((meta) => [...meta.slice(0, 4), 0, ...meta.slice(5)])), lied);
    const used = await run('--cache');
    expect(used.stdout).toBe(honest.stdout);
  });

  it('a cache that is a folder, or the default folder leading out of the repository by a link: a warning, never a crash or a write outside', async () => {
    const honest = await run();
    mkdirSync(CACHE(), { recursive: true });
    const folder = await run('--cache');
    expect(folder.stdout).toBe(honest.stdout);
    expect(folder.stderr).toMatch(/^aims: warning: the cache .* could not be (read|written)/);

    const outside = tempDir('aims-cache-outside-');
    try {
      rmSync(path.join(repo.dir, '.aims/cache'), { recursive: true, force: true });
      symlinkSync(outside.dir, path.join(repo.dir, '.aims/cache'));
      const linked = await run('--cache');
      expect(linked.stdout).toBe(honest.stdout);
      expect(linked.stderr).toMatch(/is a link or not a folder/);
      expect(existsSync(path.join(outside.dir, 'checks.json'))).toBe(false);

      // .aims itself a link out: not even the cache folder is made there.
      rmSync(path.join(repo.dir, '.aims'), { recursive: true, force: true });
      symlinkSync(outside.dir, path.join(repo.dir, '.aims'));
      expect((await run('--cache')).stderr).toMatch(/is a link or not a folder/);
      expect(readdirSync(outside.dir)).toEqual([]);
    } finally {
      outside.cleanup();
    }
  });

  it('a committed link from the cache folder into the records is not followed: nothing is written among the records', async () => {
    const honest = await run();
    const records = path.join(repo.dir, 'aims');
    const before = readdirSync(records).sort();
    mkdirSync(path.join(repo.dir, '.aims'), { recursive: true });
    symlinkSync('../aims', path.join(repo.dir, '.aims/cache'));
    const linked = await run('--cache');
    expect(linked.stdout).toBe(honest.stdout);
    expect(linked.stderr).toMatch(/is a link or not a folder/);
    expect(readdirSync(records).sort()).toEqual(before);
  });

  it('--cache-location takes a file or a folder; gap --cache gives the same report', async () => {
    const scratch = tempDir('aims-cache-loc-');
    try {
      await run('--cache', '--cache-location', `${scratch.dir}/`);
      expect(existsSync(path.join(scratch.dir, 'checks.json'))).toBe(true);
      const file = path.join(scratch.dir, 'mine.cache');
      await run('--cache', '--cache-location', file);
      expect(existsSync(file)).toBe(true);
      expect(existsSync(CACHE())).toBe(false);

      const gap = (...args: string[]) => runMain(['gap', repo.dir, '--as-of', '2026-11-26', '--format', 'json', ...args], repo.dir, { XDG_CACHE_HOME: home.dir });
      const plain = await gap();
      expect(await gap('--cache', '--cache-location', file)).toEqual(plain);
      expect(await gap('--cache', '--cache-location', file)).toEqual(plain);
    } finally {
      scratch.cleanup();
    }
  });
});
