/**
 * The same guards as test/report/guards.test.ts, on the source modules themselves, so that a
 * mutation tool (test/mutation/stryker.config.json), which does not rebuild the binary, sees
 * each guard's deletion fail a test. unzip (Debian's; .ci/run installs it) is the independent
 * reader of the archive.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField } from '../../../../src/render/report/soa-data.js';
import { zip } from '../../../../src/render/report/zip.js';
import { tempDir } from '../../../helpers/git-repo.js';

const temp = tempDir('aims-zip-');
afterAll(() => temp.cleanup());

describe('csvField', () => {
  for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) {
    it(`neutralises ${JSON.stringify(formula)} with a leading apostrophe`, () => {
      expect(csvField(formula)).toBe(`"'${formula}"`);
    });
  }

  it('quotes every field and doubles inner quotes (RFC 4180)', () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
  });

  it('leaves ordinary text alone', () => {
    expect(csvField('Risk 1 = low')).toBe('"Risk 1 = low"');
  });
});

describe('zip', () => {
  it('writes an archive whose every CRC-32 and size unzip -t accepts', () => {
    const entries = new Map<string, Uint8Array>([
      ['index.html', Buffer.from('<!doctype html><p>pack</p>'.repeat(50))],
      ['evidence/policy/a b.txt', Buffer.from('evidence ü\n')],
      ['empty.txt', new Uint8Array()],
    ]);
    const file = path.join(temp.dir, 'pack.zip');
    writeFileSync(file, zip(entries, 'pack'));
    const result = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(result.error, 'unzip is needed (Debian package unzip; .ci/run installs it)').toBeUndefined();
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/No errors detected in compressed data of .*pack\.zip/);
    const list = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    expect(list).toEqual(['pack/empty.txt', 'pack/evidence/policy/a b.txt', 'pack/index.html']);
  });
});
