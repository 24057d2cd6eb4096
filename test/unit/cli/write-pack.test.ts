/**
 * Evidence reaches a pack as a stream: writePack copies each measured file, hashing while it
 * copies, and refuses (leaving nothing) a file that no longer has the size and SHA-256 the
 * manifest lists, or that grew past its limit.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePack } from '../../../src/cli/write-pack.js';
import type { CopiedFile, PackEntry } from '../../../src/model/pack-entry.js';
import { readZip } from '../../../src/workspace/read-zip.js';

let base: string;
beforeEach(() => {
  base = realpathSync(mkdtempSync(path.join(tmpdir(), 'aims-write-pack-')));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function measured(name: string, content: Buffer, limit = 1 << 30): CopiedFile {
  const from = path.join(base, name);
  writeFileSync(from, content);
  return { from: { file: from }, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), limit };
}

const target = () => ({ force: false, repo: base });

describe('writePack with copied evidence', () => {
  it('copies the file and, with an archive, streams it into the archive too (stored when large)', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 0x61);
    big.write('the end', big.length - 7);
    const files = new Map<string, PackEntry>([
      ['index.html', Buffer.from('<p>pack</p>')],
      ['evidence/big.txt', measured('big.txt', big)],
    ]);
    await writePack(path.join(base, 'out'), files, { ...target(), archive: true });
    expect(readFileSync(path.join(base, 'out/evidence/big.txt')).equals(big)).toBe(true);
    const entries = await readZip(readFileSync(path.join(base, 'out.zip')));
    expect(entries.map((e) => e.name)).toEqual(['out/evidence/big.txt', 'out/index.html']);
    expect(Buffer.from(entries[0]?.data ?? []).equals(big)).toBe(true);
  });

  it('refuses a file whose content changed since it was measured, and leaves nothing behind', async () => {
    const entry = measured('card.md', Buffer.from('# Model card\n'));
    writeFileSync(path.join(base, 'card.md'), '# Model card, swapped\n');
    const files = new Map([['evidence/card.md', entry]]);
    await expect(writePack(path.join(base, 'out'), files, { ...target(), archive: true })).rejects.toThrow(/evidence evidence\/card\.md: its content is not what aims measured/);
    expect(readdirSync(base).sort()).toEqual(['card.md']);
  });

  it('refuses a file that has grown past its limit since it was measured, and leaves nothing behind', async () => {
    const entry = measured('log.txt', Buffer.from('small\n'), 100);
    writeFileSync(path.join(base, 'log.txt'), Buffer.alloc(10_000, 1));
    await expect(writePack(path.join(base, 'out'), new Map([['evidence/log.txt', entry]]), target())).rejects.toThrow(/over the 100 bytes limit/);
    expect(readdirSync(base).sort()).toEqual(['log.txt']);
  });
});
