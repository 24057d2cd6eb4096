/**
 * Evidence read from git under --ref (streamBlob): git's answer of type and size comes first,
 * so a tree, a submodule's commit or a blob over the limit is refused before any of it is read,
 * and a blob passes in chunks with exactly its bytes.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { streamBlob } from '../../src/workspace/git.js';
import { git, makeGitRepo } from '../helpers/git-repo.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function repo(): string {
  const r = makeGitRepo({ commits: [{ files: { 'evidence/card.md': '# Model card\n'.repeat(20_000), 'evidence/empty.md': '' } }] });
  cleanup = r.cleanup;
  return r.dir;
}

const oid = (dir: string, name: string): string => git(dir, ['rev-parse', `HEAD:${name}`]).trim();

describe('streamBlob', () => {
  it('passes a blob in chunks, every byte once, and says how many', async () => {
    const dir = repo();
    const hash = createHash('sha256');
    let chunks = 0;
    const result = await streamBlob(dir, oid(dir, 'evidence/card.md'), 1 << 30, (chunk) => {
      chunks++;
      hash.update(chunk);
    });
    const expected = Buffer.from('# Model card\n'.repeat(20_000));
    expect(result).toEqual({ bytes: expected.length });
    expect(hash.digest('hex')).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(chunks).toBeGreaterThan(1);
    expect(await streamBlob(dir, oid(dir, 'evidence/empty.md'), 10, () => undefined)).toEqual({ bytes: 0 });
  });

  it('refuses a blob over the limit before reading any of it, with the rule the working tree gives', async () => {
    const dir = repo();
    let seen = 0;
    const result = await streamBlob(dir, oid(dir, 'evidence/card.md'), 1000, (chunk) => (seen += chunk.length));
    expect(result).toEqual({ problem: { rule: 'file/too-large', message: expect.stringMatching(/^file is 253\.9 KB, over the 1000 bytes limit/) as unknown } });
    expect(seen).toBe(0);
  });

  it('refuses what is not a blob (a tree, a commit) and an object the repository does not hold', async () => {
    const dir = repo();
    const noChunk = (): void => {
      throw new Error('nothing may be read');
    };
    expect(await streamBlob(dir, oid(dir, 'evidence'), 1 << 30, noChunk)).toMatchObject({ problem: { rule: 'file/not-a-file', message: 'this is a git tree, not a file; it was not read' } });
    expect(await streamBlob(dir, git(dir, ['rev-parse', 'HEAD']).trim(), 1 << 30, noChunk)).toMatchObject({ problem: { rule: 'file/not-a-file' } });
    expect(await streamBlob(dir, '0'.repeat(40), 1 << 30, noChunk)).toMatchObject({ problem: { rule: 'file/unreadable' } });
  });
});
