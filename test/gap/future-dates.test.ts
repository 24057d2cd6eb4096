import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, writeFiles } from '../helpers/git-repo.js';
import { runMain } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';

/**
 * A fact cannot be dated after today: `aims validate` reports `date/future` (today comes from
 * the injected clock: 2026-11-26 in runMain). A planned audit or review may be in the future.
 * A review cycle of more than five years is a warning.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function folder(files: Record<string, string>): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  writeFiles(t.dir, files);
  return t.dir;
}

async function diagnostics(dir: string): Promise<{ rule: string; file: string; line: number; severity: string; message: string }[]> {
  const run = await runMain(['validate', '--format', 'json'], dir);
  return (JSON.parse(run.stdout) as { diagnostics: { rule: string; file: string; line: number; severity: string; message: string }[] }).diagnostics;
}

const audit = (status: string, date: string): string => yaml`
  kind: audit
  id: AUD-1
  title: Internal audit
  date: ${date}
  auditor: Jane Smith
  independent: true
  ${status}
`;

describe('date/future', () => {
  it('a done audit dated after today is an error; the same audit planned is not', async () => {
    const done = await diagnostics(folder({ 'aims/audit.yaml': audit('', '2027-03-01') }));
    expect(done.filter((d) => d.rule === 'date/future')).toEqual([
      expect.objectContaining({ file: 'aims/audit.yaml', line: 4, severity: 'error', message: 'the date of a done audit 2027-03-01 is after today (2026-11-26): a fact cannot be dated in the future' }),
    ]);
    const explicit = await diagnostics(folder({ 'aims/audit.yaml': audit('status: done', '2027-03-01') }));
    expect(explicit.filter((d) => d.rule === 'date/future')).toHaveLength(1);
    const planned = await diagnostics(folder({ 'aims/audit.yaml': audit('status: planned', '2027-03-01') }));
    expect(planned.filter((d) => d.rule === 'date/future')).toEqual([]);
    const today = await diagnostics(folder({ 'aims/audit.yaml': audit('', '2026-11-26') }));
    expect(today.filter((d) => d.rule === 'date/future')).toEqual([]);
  });

  it('`updated`, `approved.date`, a measurement date and a training date after today are errors', async () => {
    const dir = folder({
      'aims/risk.yaml': yaml`
        kind: risk
        id: RISK-1
        title: Drift
        likelihood: rare
        impact: minor
        updated: 2027-06-01
      `,
      'aims/policy.yaml': yaml`
        kind: policy
        id: POL-1
        title: AI policy
        statements: [We assess AI systems.]
        approved: { by: Board, date: 2026-12-24 }
      `,
      'aims/objective.yaml': yaml`
        kind: objective
        id: OBJ-1
        title: Fewer complaints
        metric: complaints per month
        target: 5
        due: 2027-12-31
        owner: Jane Smith
        measurements:
          - { date: 2026-10-01, value: 7 }
          - { date: 2026-12-01, value: 6 }
      `,
      'aims/competence.yaml': yaml`
        kind: competence
        id: COMP-1
        title: AI lead competence
        role: AI lead
        required: [ISO/IEC 42001 basics]
        training:
          - { name: ISO/IEC 42001 lead implementer, date: 2027-01-10 }
      `,
    });
    const future = (await diagnostics(dir)).filter((d) => d.rule === 'date/future').map((d) => [d.file, d.line]);
    expect(future).toEqual([
      ['aims/competence.yaml', 7],
      ['aims/objective.yaml', 10],
      ['aims/policy.yaml', 5],
      ['aims/risk.yaml', 6],
    ]);
  });
});

describe('date/long-cycle', () => {
  it('a review cycle of P8Y is a warning at its key in aims.yaml; P5Y is not; P100Y is refused outright', async () => {
    const role = 'kind: role\nid: ROLE-1\ntitle: AI lead\nresponsibilities: [Run the AIMS]\n';
    const long = await diagnostics(folder({ 'aims.yaml': 'review_cycles:\n  risk: P8Y\n', 'aims/r.yaml': role }));
    expect(long.filter((d) => d.rule === 'date/long-cycle')).toEqual([expect.objectContaining({ file: 'aims.yaml', line: 2, severity: 'warning' })]);
    const five = await diagnostics(folder({ 'aims.yaml': 'review_cycles:\n  risk: P5Y\n', 'aims/r.yaml': role }));
    expect(five.filter((d) => d.rule === 'date/long-cycle')).toEqual([]);
    // Beyond ten years the cycle is not a cycle at all: an error, never a quiet warning.
    const century = await diagnostics(folder({ 'aims.yaml': 'review_cycles:\n  risk: P100Y\n', 'aims/r.yaml': role }));
    expect(century).toEqual([expect.objectContaining({ file: 'aims.yaml', line: 2, severity: 'error' })]);
  });
});
