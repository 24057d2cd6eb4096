import { describe, expect, it } from 'vitest';
import type { Blocker } from '../../src/model/gap.js';
import { analyseGaps } from '../../src/analyse/analyse-gaps.js';
import { add, analyse, AS_OF, catalogue, clause, completeSet, type GapFixture, get, remove, removeKind, wording } from './builders.js';

/**
 * Certification blockers: prerequisites without which no certification body starts the stage 2
 * audit, whatever the score. Each names the clause or control, the record and where it is.
 */

const ids = (blockers: readonly Blocker[]): string[] => blockers.map((b) => b.id);

describe('certification blockers', () => {
  it('a complete AIMS has none, and its journey is done', () => {
    const r = analyse(completeSet());
    expect(r.blockers).toEqual([]);
    expect(r.phases.map((p) => p.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('a scope or AI policy not approved as of the date (or approved only later) blocks, and its clause is not met', () => {
    const set = completeSet();
    delete get(set, 'scope', 'SCOPE-1').approved;
    get(set, 'policy', 'POL-AI').approved = { by: 'Board', date: '2026-12-01' };
    const r = analyse(set);
    expect(r.blockers.map((b) => [b.id, b.record, b.file])).toEqual([
      ['4.3', 'SCOPE-1', 'aims/scope.yaml'],
      ['5.2', 'POL-AI', 'aims/policies/ai-policy.yaml'],
    ]);
    expect(clause(r, '4.3').status).toBe('partial');
    expect(clause(r, '4.3').findings[0]?.message).toMatch(/scope SCOPE-1 is not approved as of 2026-11-26/);
  });

  it('no scope record at all blocks', () => {
    const set = completeSet();
    removeKind(set, 'scope');
    expect(ids(analyse(set).blockers)).toEqual(['4.3']);
  });

  it('an undecided Annex A control blocks, one blocker per control', () => {
    const set = completeSet();
    remove(set, 'A.7.5', 'A.8.3');
    const r = analyse(set);
    expect(ids(r.blockers)).toEqual(['A.7.5', 'A.8.3']);
    expect(r.blockers[0]).toMatchObject({ message: expect.stringMatching(/A\.7\.5 .* is undecided/), next: expect.any(String) });
  });

  it('an undecided control waiting commented out names the file to uncomment it in', () => {
    const set = completeSet();
    remove(set, 'A.7.5');
    const r = analyseWithCommented(set, new Map([['A.7.5', { file: 'aims/controls/a7-data.yaml', line: 12 }]]));
    expect(r.blockers).toEqual([{ id: 'A.7.5', message: expect.any(String), file: 'aims/controls/a7-data.yaml', line: 12, next: 'uncomment and decide it in aims/controls/a7-data.yaml' }]);
  });

  it('a risk above acceptance neither treated nor accepted blocks; treated or accepted it does not', () => {
    const untreated = completeSet();
    delete get(untreated, 'risk', 'RISK-1').treatment;
    expect(analyse(untreated).blockers.map((b) => [b.id, b.record])).toEqual([['6.1.3', 'RISK-1']]);
    const noControl = completeSet();
    get(noControl, 'risk', 'RISK-1').treatment = { option: 'mitigate', controls: [] };
    expect(ids(analyse(noControl).blockers)).toEqual(['6.1.3']);
    const acceptedByNobody = completeSet();
    get(acceptedByNobody, 'risk', 'RISK-1').treatment = { option: 'accept' };
    expect(ids(analyse(acceptedByNobody).blockers)).toEqual(['6.1.3']);
    const accepted = completeSet();
    const risk = get(accepted, 'risk', 'RISK-1');
    risk.treatment = { option: 'accept' };
    risk.accepted_by = 'Dana Whitfield';
    expect(ids(analyse(accepted).blockers)).toEqual([]);
  });

  it('no risk assessment at all blocks', () => {
    const set = completeSet();
    removeKind(set, 'risk');
    expect(ids(analyse(set).blockers)).toContain('6.1.2');
  });

  it('an in-scope system with no impact assessment blocks; an out-of-scope or retired one does not', () => {
    const set = completeSet();
    add(set, 'aims/systems/chatbot.yaml', { kind: 'system', id: 'SYS-CHAT', title: 'Chatbot', lifecycle: 'operation' });
    add(set, 'aims/systems/old.yaml', { kind: 'system', id: 'SYS-OLD', title: 'Old', lifecycle: 'retired' });
    add(set, 'aims/systems/agency.yaml', { kind: 'system', id: 'SYS-AGENCY-2', title: 'Agency', in_scope: false });
    const r = analyse(set);
    expect(r.blockers.filter((b) => b.id === '6.1.4').map((b) => [b.record, b.file])).toEqual([['SYS-CHAT', 'aims/systems/chatbot.yaml']]);
  });

  it('no internal audit, or only one older than its cycle, or only a planned one, blocks', () => {
    const none = completeSet();
    removeKind(none, 'audit');
    expect(analyse(none).blockers.find((b) => b.id === '9.2.1')?.message).toMatch(/no internal audit held as of 2026-11-26/);
    const old = completeSet();
    get(old, 'audit', 'AUD-2026').date = '2025-06-16';
    expect(analyse(old).blockers.find((b) => b.id === '9.2.1')).toMatchObject({ record: 'AUD-2026', message: expect.stringMatching(/older than its P12M cycle/) });
    const future = completeSet();
    get(future, 'audit', 'AUD-2026').date = '2026-12-15';
    expect(ids(analyse(future).blockers)).toContain('9.2.1');
  });

  it('no management review, or one older than its cycle, blocks', () => {
    const none = completeSet();
    removeKind(none, 'review');
    expect(ids(analyse(none).blockers)).toEqual(['9.3.1']);
    const old = completeSet();
    get(old, 'review', 'MR-2026').date = '2025-09-29';
    expect(ids(analyse(old).blockers)).toEqual(['9.3.1']);
  });

  it('an open major nonconformity with a corrective action past due blocks; minor, closed or on time does not', () => {
    const set = completeSet();
    const nc = get(set, 'nonconformity', 'NC-2');
    nc.severity = 'major';
    expect(ids(analyse(set).blockers)).toEqual([]); // due 2027-01-31: on time
    nc.corrective_actions = [{ action: 'Route alerts', owner: 'ROLE-LEAD', due: '2026-11-01', status: 'open' }];
    expect(analyse(set).blockers.map((b) => [b.id, b.record])).toEqual([['10.2', 'NC-2']]);
    nc.severity = 'minor';
    expect(ids(analyse(set).blockers)).toEqual([]);
  });

  it('a configured severity scale decides which open nonconformities block: a blocking grade does, another grade does not', () => {
    const set = completeSet();
    set.config = { ...set.config, nonconformity: { severities: ['critical', 'major', 'minor'], blocking: ['critical'] } };
    const nc = get(set, 'nonconformity', 'NC-2');
    nc.corrective_actions = [{ action: 'Route alerts', owner: 'ROLE-LEAD', due: '2026-11-01', status: 'open' }];
    nc.severity = 'major';
    expect(ids(analyse(set).blockers)).toEqual([]); // major is not a blocking grade here
    nc.severity = 'critical';
    const blockers = analyse(set).blockers;
    expect(blockers.map((b) => [b.id, b.record])).toEqual([['10.2', 'NC-2']]);
    expect(blockers[0]?.message).toContain('is a critical nonconformity, still open');
  });
});

function analyseWithCommented(set: GapFixture, commented: Map<string, { file: string; line: number }>): ReturnType<typeof analyseGaps> {
  return analyseGaps({ records: set.records, catalogue, config: set.config, wording, asOf: AS_OF, paths: set.paths, diagnostics: set.diagnostics, commentedControls: commented });
}
