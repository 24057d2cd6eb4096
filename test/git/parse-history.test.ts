import { describe, expect, it } from 'vitest';
import { parseHistory } from '../../src/workspace/git.js';
import type { FileHistory } from '../../src/model/snapshot.js';

/**
 * parseHistory on literal `git log -z --raw --no-abbrev -M --format=%H%x00%cI%x00%aI%x00%G?%x00%GS%x00%an`
 * output: newest commit first, six NUL-ended header fields, then one `:modes oids STATUS`
 * field per file followed by its path (two paths for a rename), every field NUL-ended.
 */

const ZERO = '0'.repeat(40);

/** One commit of the walk, as git prints it; changes written `STATUS<TAB>path[<TAB>path]` for readability. */
function entry(commit: string, date: string, author: string, ...changes: string[]): string {
  return rawEntry(commit, date, date, 'N', '', author, ...changes);
}

function rawEntry(commit: string, committed: string, authored: string, signature: string, signer: string, author: string, ...changes: string[]): string {
  const header = [commit, committed, authored, signature, signer, author].map((f) => `${f}\0`).join('');
  const files = changes
    .map((c, i) => {
      const [status = '', ...paths] = c.split('\t');
      return `${i === 0 ? '\n' : ''}:100644 100644 ${ZERO} ${ZERO} ${status}\0${paths.map((p) => `${p}\0`).join('')}`;
    })
    .join('');
  return header + files;
}

const C1 = '1111111111111111111111111111111111111111';
const C2 = '2222222222222222222222222222222222222222';
const C3 = '3333333333333333333333333333333333333333';
const C4 = '4444444444444444444444444444444444444444';
const D1 = '2025-01-01T09:00:00+00:00';
const D2 = '2025-02-01T09:00:00+00:00';
const D3 = '2025-03-01T09:00:00+00:00';
const D4 = '2025-04-01T09:00:00+00:00';

function history(first: [string, string], last: [string, string, string]): FileHistory {
  return { lastCommit: last[0], lastDate: last[1], lastAuthored: last[1], lastAuthor: last[2], lastSignature: 'N', lastSigner: '', firstCommit: first[0], firstDate: first[1] };
}

describe('parseHistory', () => {
  it('an empty log (no commits touch the root) gives no history', () => {
    expect(parseHistory('')).toEqual(new Map());
    expect(parseHistory('\n')).toEqual(new Map());
  });

  it('one commit: first and last change are the same commit', () => {
    const log = entry(C1, D1, 'Ann Author', 'A\taims/risks.yaml', 'A\tevidence/policy.md');
    expect(parseHistory(log)).toEqual(
      new Map([
        ['aims/risks.yaml', history([C1, D1], [C1, D1, 'Ann Author'])],
        ['evidence/policy.md', history([C1, D1], [C1, D1, 'Ann Author'])],
      ]),
    );
  });

  it('the newest commit gives the last change (date and author), the oldest the first commit', () => {
    const log = [
      entry(C3, D3, 'Cat Third', 'M\taims/risks.yaml'),
      entry(C2, D2, 'Bob Second', 'M\taims/risks.yaml', 'M\taims/policy.yaml'),
      entry(C1, D1, 'Ann Author', 'A\taims/risks.yaml', 'A\taims/policy.yaml'),
    ].join('');
    const h = parseHistory(log);
    expect(h.get('aims/risks.yaml')).toEqual(history([C1, D1], [C3, D3, 'Cat Third']));
    expect(h.get('aims/policy.yaml')).toEqual(history([C1, D1], [C2, D2, 'Bob Second']));
    expect(h.size).toBe(2);
  });

  it('a file renamed twice keeps its first commit under its current name; the old names keep nothing of it', () => {
    const log = [
      entry(C4, D4, 'Dee Fourth', 'M\taims/risks/register.yaml'),
      entry(C3, D3, 'Cat Third', 'R092\taims/risks/interim.yaml\taims/risks/register.yaml'),
      entry(C2, D2, 'Bob Second', 'R100\taims/risks.yaml\taims/risks/interim.yaml'),
      entry(C1, D1, 'Ann Author', 'A\taims/risks.yaml'),
    ].join('');
    const h = parseHistory(log);
    expect(h.get('aims/risks/register.yaml')).toEqual(history([C1, D1], [C4, D4, 'Dee Fourth']));
    expect(h.has('aims/risks.yaml')).toBe(false);
    expect(h.has('aims/risks/interim.yaml')).toBe(false);
  });

  it('a rename as the newest change makes the rename commit the last change', () => {
    const log = [entry(C2, D2, 'Bob Second', 'R085\ta.yaml\tb.yaml'), entry(C1, D1, 'Ann Author', 'A\ta.yaml')].join('');
    expect(parseHistory(log).get('b.yaml')).toEqual(history([C1, D1], [C2, D2, 'Bob Second']));
  });

  it('a new file at an old name after a rename away keeps its own history, separate from the renamed file', () => {
    const log = [
      entry(C3, D3, 'Cat Third', 'A\tpolicy.yaml'),
      entry(C2, D2, 'Bob Second', 'R100\tpolicy.yaml\tpolicies/ai.yaml'),
      entry(C1, D1, 'Ann Author', 'A\tpolicy.yaml'),
    ].join('');
    const h = parseHistory(log);
    expect(h.get('policy.yaml')).toEqual(history([C3, D3], [C3, D3, 'Cat Third']));
    // A pure move (R100) is not a change: the moved file was last changed when it was added.
    expect(h.get('policies/ai.yaml')).toEqual(history([C1, D1], [C1, D1, 'Ann Author']));
  });

  it('a deleted and re-added path: its history starts again at the re-add', () => {
    const log = [
      entry(C3, D3, 'Cat Third', 'A\taims/nc.yaml'),
      entry(C2, D2, 'Bob Second', 'D\taims/nc.yaml'),
      entry(C1, D1, 'Ann Author', 'A\taims/nc.yaml'),
    ].join('');
    // The file at this path now was created by C3; the one C1 added was deleted by C2.
    expect(parseHistory(log).get('aims/nc.yaml')).toEqual(history([C3, D3], [C3, D3, 'Cat Third']));
  });

  it('a deleted and re-added path that changed again since: last change is the newest, first the re-add', () => {
    const log = [
      entry(C4, D4, 'Dee Fourth', 'M\taims/nc.yaml'),
      entry(C3, D3, 'Cat Third', 'A\taims/nc.yaml'),
      entry(C2, D2, 'Bob Second', 'D\taims/nc.yaml'),
      entry(C1, D1, 'Ann Author', 'A\taims/nc.yaml'),
    ].join('');
    expect(parseHistory(log).get('aims/nc.yaml')).toEqual(history([C3, D3], [C4, D4, 'Dee Fourth']));
  });

  it('a file renamed onto a path that an earlier, deleted file had: the history is the renamed file’s', () => {
    const log = [
      entry(C3, D3, 'Cat Third', 'R100\tdraft.yaml\tpolicy.yaml'),
      entry(C2, D2, 'Bob Second', 'D\tpolicy.yaml', 'A\tdraft.yaml'),
      entry(C1, D1, 'Ann Author', 'A\tpolicy.yaml'),
    ].join('');
    // draft.yaml was added in C2 and moved unchanged (R100) in C3; the old policy.yaml (C1) is not its history.
    expect(parseHistory(log).get('policy.yaml')).toEqual(history([C2, D2], [C2, D2, 'Bob Second']));
  });

  it('a type change (T, a file becoming a link) counts as a change', () => {
    const log = [entry(C2, D2, 'Bob Second', 'T\tlink.yaml'), entry(C1, D1, 'Ann Author', 'A\tlink.yaml')].join('');
    expect(parseHistory(log).get('link.yaml')).toEqual(history([C1, D1], [C2, D2, 'Bob Second']));
  });

  it('authors and paths with spaces and non-ASCII characters survive', () => {
    const log = entry(C1, D1, 'Zoë van der Berg', 'A\taims/risks/crédit scoring.yaml');
    expect(parseHistory(log).get('aims/risks/crédit scoring.yaml')).toEqual(history([C1, D1], [C1, D1, 'Zoë van der Berg']));
  });

  it('a commit that touches nothing (an empty or merge commit) changes no history', () => {
    const log = [entry(C2, D2, 'Bob Second'), entry(C1, D1, 'Ann Author', 'A\ta.yaml')].join('');
    expect(parseHistory(log)).toEqual(new Map([['a.yaml', history([C1, D1], [C1, D1, 'Ann Author'])]]));
  });

  it('a forged author name with the old separators and a fake change cannot pose as a version, date or file', () => {
    // The name holds what the old parser split on (\x1e, \x1f, newlines, tabs) and a fake change line.
    const forged = `Mallory\x1e${C4}\x1f2020-01-01T00:00:00+00:00\x1fBoard\n\nM\taims/policy.yaml\n:100644 100644 ${ZERO} ${ZERO} M`;
    const log = [rawEntry(C2, D2, D2, 'N', '', forged, 'M\taims/policy.yaml'), entry(C1, D1, 'Ann Author', 'A\taims/policy.yaml')].join('');
    const h = parseHistory(log);
    expect([...h.keys()]).toEqual(['aims/policy.yaml']);
    expect(h.get('aims/policy.yaml')).toMatchObject({ lastCommit: C2, lastDate: D2, lastAuthor: forged, firstCommit: C1 });
  });

  it('dates a change by its committer date, keeps the author date and the signature status beside it', () => {
    const log = rawEntry(C1, D3, D1, 'G', 'Ann Author <ann@acme.test>', 'Ann Author', 'A\taims/policy.yaml');
    expect(parseHistory(log).get('aims/policy.yaml')).toMatchObject({ lastDate: D3, lastAuthored: D1, lastSignature: 'G', lastSigner: 'Ann Author <ann@acme.test>' });
  });

  it('with `until`, commits made after that day do not count', () => {
    const log = [entry(C2, D2, 'Bob Second', 'M\ta.yaml'), entry(C1, D1, 'Ann Author', 'A\ta.yaml')].join('');
    expect(parseHistory(log, '2025-01-15').get('a.yaml')).toMatchObject({ lastCommit: C1, lastDate: D1 });
  });
});
