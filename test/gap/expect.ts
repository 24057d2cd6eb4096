import { expect } from 'vitest';
import type { ClauseStatus, Finding, GapResult } from '../../src/model/gap.js';
import type { AimsRecord } from '../../src/model/record.js';
import { clause, clausesNotMet, controlsWithGap } from './builders.js';

/**
 * The planted gap shows exactly where it should: these clauses with these statuses, these
 * controls with a gap, and every OTHER clause met and control without a gap.
 */
export function expectOnly(result: GapResult, clauses: Readonly<Record<string, ClauseStatus>>, controls: readonly string[] = []): void {
  expect(clausesNotMet(result)).toEqual(clauses);
  expect(controlsWithGap(result)).toEqual(controls);
}

/** The clause has a finding that names this record (id, file and line) and matches `message`. */
export function expectFindingOn(result: GapResult, clauseId: string, record: AimsRecord, message: RegExp): Finding {
  const findings = clause(result, clauseId).findings;
  const hit = findings.find((f) => message.test(f.message));
  expect(hit, `${clauseId}: no finding matching ${message} among ${JSON.stringify(findings.map((f) => f.message))}`).toBeDefined();
  const f = hit as Finding;
  expect({ record: f.record, file: f.file, line: f.line }, f.message).toEqual({ record: record.id, file: record.origin.file, line: record.origin.line });
  expect(f.next.length).toBeGreaterThan(0);
  return f;
}

/** The clause's only finding matches `message` and names no record (something absent from the repository). */
export function expectAbsentFinding(result: GapResult, clauseId: string, message: RegExp): void {
  const findings = clause(result, clauseId).findings;
  expect(findings, clauseId).toHaveLength(1);
  expect(findings[0]?.message).toMatch(message);
  expect(findings[0]?.record).toBeUndefined();
}
