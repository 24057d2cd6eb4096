import { describe, expect, it } from 'vitest';
import { recordHistories } from '../../../src/analyse/record-history.js';
import { recordKey } from '../../../src/load/record-contents.js';
import type { LogChange, LogCommit } from '../../../src/model/snapshot.js';

/**
 * The per-record walk on a hand-made log: blobs are texts named by the test, the walk asks
 * for them through a counting source, so what it reads is checked as well as what it decides.
 */

const ZERO = '0'.repeat(40);

function blobs(texts: Record<string, string>): { read: (oids: readonly string[]) => Promise<Map<string, string | undefined>>; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    read: (oids) => {
      asked.push(...oids);
      return Promise.resolve(new Map(oids.map((o) => [o, texts[o]])));
    },
  };
}

function commit(n: number, ...changes: LogChange[]): LogCommit {
  const date = `2025-0${n}-01T09:00:00+00:00`;
  return { commit: String(n).repeat(40), committed: date, authored: date, signature: 'N', signer: '', author: `Author ${n}`, changes };
}

const change = (path: string, oldOid: string, newOid: string, status = oldOid === ZERO ? 'A' : 'M', from?: string): LogChange => ({ status, oldOid, newOid, path, ...(from ? { from } : {}) });

const risk = (id: string, title: string, extra = ''): string => `kind: risk\nid: ${id}\ntitle: ${title}\n${extra}`;
const R1 = recordKey('risk', 'RISK-001');
const R7 = recordKey('risk', 'RISK-007');

describe('recordHistories', () => {
  it('a typo fixed in RISK-001 dates RISK-001 alone; RISK-007 in the same stream keeps the commit that added it', async () => {
    const source = blobs({
      a: `${risk('RISK-001', 'Modle drift')}---\n${risk('RISK-007', 'Bias')}`,
      b: `${risk('RISK-001', 'Model drift')}---\n${risk('RISK-007', 'Bias')}`,
    });
    const log = [commit(2, change('aims/risks.yaml', 'a', 'b')), commit(1, change('aims/risks.yaml', ZERO, 'a'))];
    const { byKey, undecided } = await recordHistories(log, [{ key: R1, file: 'aims/risks.yaml' }, { key: R7, file: 'aims/risks.yaml' }], source.read);
    expect(byKey.get(R1)).toMatchObject({ last: { commit: '2'.repeat(40), author: 'Author 2' }, added: false });
    expect(byKey.get(R7)).toMatchObject({ last: { commit: '1'.repeat(40), author: 'Author 1' }, added: true, approvedBefore: null });
    expect(undecided.size).toBe(0);
  });

  it('reformatting, reordering keys and comments are not changes', async () => {
    const source = blobs({
      a: risk('RISK-001', 'Drift'),
      b: `# reviewed wording\ntitle: "Drift"   # same\nid: RISK-001\nkind: risk\n`,
    });
    const log = [commit(2, change('aims/r.yaml', 'a', 'b')), commit(1, change('aims/r.yaml', ZERO, 'a'))];
    const { byKey } = await recordHistories(log, [{ key: R1, file: 'aims/r.yaml' }], source.read);
    expect(byKey.get(R1)?.last.commit).toBe('1'.repeat(40));
  });

  it('a record moved into another file in one commit is not changed by the move; a renamed file carries its records', async () => {
    const source = blobs({
      both: `${risk('RISK-001', 'Drift')}---\n${risk('RISK-007', 'Bias')}`,
      one: risk('RISK-001', 'Drift'),
      seven: risk('RISK-007', 'Bias'),
    });
    const log = [
      // 3: RISK-007 split out of register.yaml into its own file
      commit(3, change('aims/register.yaml', 'both', 'one'), change('aims/seven.yaml', ZERO, 'seven')),
      // 2: old.yaml renamed to register.yaml unchanged
      commit(2, change('aims/register.yaml', 'both', 'both', 'R100', 'aims/old.yaml')),
      commit(1, change('aims/old.yaml', ZERO, 'both')),
    ];
    const { byKey } = await recordHistories(log, [{ key: R1, file: 'aims/register.yaml' }, { key: R7, file: 'aims/seven.yaml' }], source.read);
    expect(byKey.get(R1)?.last.commit).toBe('1'.repeat(40));
    expect(byKey.get(R7)?.last.commit).toBe('1'.repeat(40));
  });

  it('keeps the approval date from before the change, so a change that records an approval can be told from an edit', async () => {
    const source = blobs({
      a: 'kind: policy\nid: POL-1\nstatements: [A]\napproved: { by: Board, date: 2025-01-10 }\n',
      b: 'kind: policy\nid: POL-1\nstatements: [B]\napproved: { by: Board, date: 2025-01-10 }\n',
    });
    const log = [commit(2, change('p.yaml', 'a', 'b')), commit(1, change('p.yaml', ZERO, 'a'))];
    const { byKey } = await recordHistories(log, [{ key: recordKey('policy', 'POL-1'), file: 'p.yaml' }], source.read);
    expect(byKey.get(recordKey('policy', 'POL-1'))).toMatchObject({ added: false, approvedBefore: '2025-01-10' });
  });

  it('stops at each record’s last change: older versions are not read', async () => {
    const source = blobs({ a: risk('RISK-001', 'A'), b: risk('RISK-001', 'B'), c: risk('RISK-001', 'C') });
    const log = [commit(3, change('r.yaml', 'b', 'c')), commit(2, change('r.yaml', 'a', 'b')), commit(1, change('r.yaml', ZERO, 'a'))];
    await recordHistories(log, [{ key: R1, file: 'r.yaml' }], source.read);
    expect([...new Set(source.asked)].sort()).toEqual(['b', 'c']);
  });

  it('a record not in any committed version has no history (it exists only on disk)', async () => {
    const source = blobs({ a: risk('RISK-001', 'A') });
    const { byKey, undecided } = await recordHistories([commit(1, change('r.yaml', ZERO, 'a'))], [{ key: R7, file: 'r.yaml' }], source.read);
    expect(byKey.has(R7)).toBe(false);
    expect(undecided.has(R7)).toBe(false);
  });

  it('a version that cannot be read (missing, or over max_file_size) decides nothing: the record is undecided, not new', async () => {
    const source = blobs({ b: risk('RISK-001', 'B') }); // 'a' is not answered
    const log = [commit(2, change('r.yaml', 'a', 'b')), commit(1, change('r.yaml', ZERO, 'a'))];
    const { byKey, undecided } = await recordHistories(log, [{ key: R1, file: 'r.yaml' }], source.read);
    expect(byKey.has(R1)).toBe(false);
    expect([...undecided]).toEqual([R1]);
  });

  it('past its limits the walk stops and says which records it could not decide', async () => {
    const texts: Record<string, string> = {};
    const log: LogCommit[] = [];
    for (let n = 9; n >= 1; n--) {
      texts[`v${n}`] = `${risk('RISK-001', `A${n}`)}---\n${risk('RISK-007', n === 9 ? 'B' : 'Bias')}`;
      log.push(commit(n, change('r.yaml', n === 1 ? ZERO : `v${n - 1}`, `v${n}`)));
    }
    const { byKey, undecided } = await recordHistories(log, [{ key: R1, file: 'r.yaml' }, { key: R7, file: 'r.yaml' }], blobs(texts).read, { blobs: 4, bytes: 1 << 20 });
    expect(byKey.get(R1)?.last.commit).toBe('9'.repeat(40));
    expect(byKey.get(R7)?.last.commit).toBe('9'.repeat(40));
    const { undecided: none } = await recordHistories(log, [{ key: R1, file: 'r.yaml' }], blobs(texts).read, { blobs: 4, bytes: 1 << 20 });
    expect(none.size).toBe(0);
    expect(undecided.size).toBe(0);
    // RISK-007 unchanged from v1 to v8: to find its add the walk must read all nine versions.
    texts['v9'] = `${risk('RISK-001', 'A9')}---\n${risk('RISK-007', 'Bias')}`;
    const capped = await recordHistories(log, [{ key: R1, file: 'r.yaml' }, { key: R7, file: 'r.yaml' }], blobs(texts).read, { blobs: 4, bytes: 1 << 20 });
    expect(capped.byKey.get(R1)?.last.commit).toBe('9'.repeat(40));
    expect(capped.byKey.has(R7)).toBe(false);
    expect([...capped.undecided]).toEqual([R7]);
  });
});
