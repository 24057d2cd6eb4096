import type { RecordOfKind } from '../../src/model/record.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  add,
  analyse,
  analyseValidated,
  catalogue,
  changedOn,
  clause,
  completeSet,
  get,
  LEAF_CLAUSES,
  remove,
  removeKind,
} from './builders.js';
import { expectAbsentFinding, expectFindingOn, expectOnly } from './expect.js';

/**
 * One test per clause rule: plant ONE gap in the complete set, and check the clause's status,
 * that the finding names the record (id, file, line), and that every other clause stays met.
 * Each rule also has a test showing that a correct record set passes it.
 */

const RISK_CLAUSES = ['6.1.2', '8.2'] as const;
const TREATMENT_CLAUSES = ['6.1.3', '8.3'] as const;
const IMPACT_CLAUSES = ['6.1.4', '8.4'] as const;

function both<S extends 'partial' | 'missing'>(ids: readonly string[], status: S): Record<string, S> {
  return Object.fromEntries(ids.map((id) => [id, status]));
}

describe('4.1 context: internal and external issues', () => {
  it('passes with a context record listing both', () => {
    const result = analyse(completeSet());
    expect(clause(result, '4.1')).toMatchObject({ status: 'met', evidence: ['CTX-1'], findings: [] });
  });

  it('is missing (and so is 4.2) without any context record', () => {
    const set = completeSet();
    remove(set, 'CTX-1');
    const result = analyse(set);
    expectOnly(result, { '4.1': 'missing', '4.2': 'missing' });
    expectAbsentFinding(result, '4.1', /no context record/);
  });

  it('is partial when the context lists no internal issues', () => {
    const set = completeSet();
    const ctx = get(set, 'context', 'CTX-1');
    ctx.internal_issues = [];
    const result = analyse(set);
    expectOnly(result, { '4.1': 'partial' });
    expectFindingOn(result, '4.1', ctx, /no internal issues/);
  });

  it('is partial when the context lists no external issues', () => {
    const set = completeSet();
    const ctx = get(set, 'context', 'CTX-1');
    delete ctx.external_issues;
    const result = analyse(set);
    expectOnly(result, { '4.1': 'partial' });
    expectFindingOn(result, '4.1', ctx, /no external issues/);
  });
});

describe('4.2 interested parties and their needs', () => {
  it('passes when every interested party has needs', () => {
    expect(clause(analyse(completeSet()), '4.2').status).toBe('met');
  });

  it('is partial when the context lists no interested parties', () => {
    const set = completeSet();
    const ctx = get(set, 'context', 'CTX-1');
    delete ctx.interested_parties;
    const result = analyse(set);
    expectOnly(result, { '4.2': 'partial' });
    expectFindingOn(result, '4.2', ctx, /no interested parties/);
  });

  it('is partial when a party has no recorded needs', () => {
    const set = completeSet();
    const ctx = get(set, 'context', 'CTX-1');
    ctx.interested_parties = [{ name: 'Applicants', needs: ['Fair decisions'] }, { name: 'Brokers' }];
    const result = analyse(set);
    expectOnly(result, { '4.2': 'partial' });
    expectFindingOn(result, '4.2', ctx, /"Brokers" has no recorded needs/);
  });
});

describe('4.3 scope', () => {
  it('passes when the scope lists every in-scope system (retired included) and no out-of-scope one', () => {
    const set = completeSet();
    expect(get(set, 'scope', 'SCOPE-1').systems).not.toContain('SYS-AGENCY');
    expect(get(set, 'system', 'SYS-AGENCY').in_scope).toBe(false);
    expect(clause(analyse(set), '4.3')).toMatchObject({ status: 'met', findings: [] });
  });

  it('is missing without a scope record', () => {
    const set = completeSet();
    remove(set, 'SCOPE-1');
    const result = analyse(set);
    expectOnly(result, { '4.3': 'missing' });
    expectAbsentFinding(result, '4.3', /no scope record/);
  });

  it('is partial when the scope lists a system that does not exist', () => {
    const set = completeSet();
    const scope = get(set, 'scope', 'SCOPE-1');
    scope.systems = [...(scope.systems ?? []), 'SYS-GHOST'];
    const result = analyse(set);
    expectOnly(result, { '4.3': 'partial' });
    expectFindingOn(result, '4.3', scope, /`SYS-GHOST`, which is not a system record/);
  });

  it('is partial when the scope lists a system marked in_scope: false', () => {
    const set = completeSet();
    const scope = get(set, 'scope', 'SCOPE-1');
    scope.systems = [...(scope.systems ?? []), 'SYS-AGENCY'];
    const result = analyse(set);
    expectOnly(result, { '4.3': 'partial' });
    expectFindingOn(result, '4.3', scope, /`SYS-AGENCY`, but that system says `in_scope: false`/);
  });

  it('is partial when an in-scope system is not in the scope, naming the system', () => {
    const set = completeSet();
    const scope = get(set, 'scope', 'SCOPE-1');
    scope.systems = (scope.systems ?? []).filter((s) => s !== 'SYS-FORECAST');
    const result = analyse(set);
    expectOnly(result, { '4.3': 'partial' });
    expectFindingOn(result, '4.3', get(set, 'system', 'SYS-FORECAST'), /is in scope but the scope record does not list it/);
  });
});

describe('5.2 AI policy: approved, reviewed within review_cycles.policy', () => {
  it('passes with an approved policy whose approval is within the cycle (no `updated` needed)', () => {
    const set = completeSet();
    expect(get(set, 'policy', 'POL-AI').updated).toBeUndefined();
    expect(clause(analyse(set), '5.2')).toMatchObject({ status: 'met', evidence: ['POL-AI'] });
  });

  it('is missing without any policy', () => {
    const set = completeSet();
    remove(set, 'POL-AI');
    const result = analyse(set);
    // Without a policy in force, only training shows awareness, and the auditor has none (7.3).
    expectOnly(result, { '5.2': 'missing', '7.3': 'partial' });
    expectAbsentFinding(result, '5.2', /no AI policy/);
  });

  it('is partial when the policy is not approved', () => {
    const set = completeSet();
    const policy = get(set, 'policy', 'POL-AI');
    delete policy.approved;
    policy.updated = '2026-02-01';
    const result = analyse(set);
    expectOnly(result, { '5.2': 'partial', '7.3': 'partial' });
    expectFindingOn(result, '5.2', policy, /is not approved/);
    expect(clause(result, '5.2').findings).toHaveLength(1);
  });

  it('is partial when its last review (its approval date) is older than the cycle', () => {
    const set = completeSet();
    const policy = get(set, 'policy', 'POL-AI');
    policy.approved = { by: 'Board', date: '2025-10-01' };
    const result = analyse(set);
    expectOnly(result, { '5.2': 'partial' });
    expectFindingOn(result, '5.2', policy, /last review 2025-10-01 is older than the P12M policy cycle \(due 2026-10-01\)/);
  });

  it('judges staleness from `updated` when present', () => {
    const set = completeSet();
    const policy = get(set, 'policy', 'POL-AI');
    policy.approved = { by: 'Board', date: '2025-11-01' };
    policy.updated = '2025-11-20';
    const result = analyse(set);
    expectOnly(result, { '5.2': 'partial' });
    expectFindingOn(result, '5.2', policy, /last review 2025-11-20 is older than the P12M policy cycle/);

    policy.approved = { by: 'Board', date: '2024-01-01' };
    policy.updated = '2026-06-01';
    expectOnly(analyse(set), {});
  });

  it('uses the date git last changed the file when `updated` is absent (a file committed once, so no re-approval is due)', () => {
    const set = completeSet();
    const policy = get(set, 'policy', 'POL-AI');
    policy.approved = { by: 'Board', date: '2025-01-10' };
    set.history = new Map([[policy.origin.file, changedOn('2026-08-01')]]);
    expectOnly(analyse(set), {});
    set.history = new Map([[policy.origin.file, changedOn('2025-08-01')]]);
    const result = analyse(set);
    expectOnly(result, { '5.2': 'partial' });
    expectFindingOn(result, '5.2', policy, /last review 2025-08-01 is older/);
  });
});

describe('7.5.3 control of documented information: an approved record edited after approval awaits re-approval', () => {
  it('passes when an approved record was committed once (the import of an approved document)', () => {
    const set = completeSet();
    set.history = new Map([['aims/policies/ai-policy.yaml', changedOn('2026-03-01')]]);
    expectOnly(analyse(set), {});
  });

  it('passes when the record was last edited on or before its approval date', () => {
    const set = completeSet();
    set.history = new Map([['aims/policies/ai-policy.yaml', changedOn('2026-01-20', '2026-01-05')]]);
    expectOnly(analyse(set), {});
  });

  it('is partial when an approved policy was edited after its approval date, naming it', () => {
    const set = completeSet();
    const policy = get(set, 'policy', 'POL-AI');
    set.history = new Map([[policy.origin.file, changedOn('2026-08-01', '2026-01-05')]]);
    const result = analyse(set);
    expectOnly(result, { '7.5.3': 'partial' });
    expectFindingOn(result, '7.5.3', policy, /policy POL-AI was changed on 2026-08-01 .* after its approval on 2026-01-20: it awaits re-approval/);
  });

  it('ignores the history of a shallow clone', () => {
    const set = completeSet();
    set.history = new Map([['aims/policies/ai-policy.yaml', changedOn('2026-08-01', '2026-01-05')]]);
    set.historyProblem = 'shallow';
    expectOnly(analyse(set), {});
  });
});

describe('5.3 roles: role records, and every owner that names a role resolves', () => {
  it('passes when owners name existing roles or people (through validation, as `aims gap` runs it)', () => {
    const { validation, result } = analyseValidated(completeSet());
    expect(validation.diagnostics).toEqual([]);
    expect(clause(result, '5.3')).toMatchObject({ status: 'met', findings: [] });
  });

  it('is missing without any role record', () => {
    const set = completeSet();
    remove(set, 'ROLE-LEAD', 'ROLE-CEO', 'ROLE-AUDITOR');
    const result = analyse(set);
    // Nobody holds a role, so nobody is shown aware (7.3), no top management attends the review
    // (9.3.1), and competence recorded for roles that do not exist shows nothing (7.2).
    expectOnly(result, { '5.3': 'missing', '7.2': 'partial', '7.3': 'missing', '9.3.1': 'partial' });
    expectAbsentFinding(result, '5.3', /no role records/);
    expect(clause(result, '7.2').findings.map((f) => f.message)).toContainEqual(expect.stringMatching(/is for `ROLE-LEAD`, which is not a role record/));
  });

  it('is partial when an owner names a role that does not exist, naming the record and its file', () => {
    const set = completeSet();
    const objective = get(set, 'objective', 'OBJ-1');
    objective.owner = 'ROLE-NOPE';
    const { validation, result } = analyseValidated(set);
    expect(validation.summary.errors).toBe(1);
    expect(result.validation.errors).toBe(1);
    expectOnly(result, { '5.3': 'partial' });
    const findings = clause(result, '5.3').findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/ROLE-NOPE/);
    expect({ record: findings[0]?.record, file: findings[0]?.file }).toEqual({ record: 'OBJ-1', file: objective.origin.file });
  });
});

describe('6.1.2 / 8.2 risk assessment: likelihood and impact on the scale, reviewed within review_cycles.risk', () => {
  it('passes when every risk is on the scale and reviewed within six months', () => {
    const result = analyse(completeSet());
    for (const id of RISK_CLAUSES) expect(clause(result, id)).toMatchObject({ status: 'met', evidence: ['RISK-1', 'RISK-2', 'RISK-3', 'RISK-4'] });
  });

  it('is missing without any risk (and so is treatment: control records alone treat nothing)', () => {
    const set = completeSet();
    removeKind(set, 'risk');
    const result = analyse(set);
    expectOnly(result, { ...both(RISK_CLAUSES, 'missing'), ...both(TREATMENT_CLAUSES, 'missing') });
    expectAbsentFinding(result, '6.1.2', /no risk records/);
    expectAbsentFinding(result, '6.1.3', /no risk records/);
  });

  it('is partial when a likelihood is not on the configured scale', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-3');
    risk.likelihood = 'extreme';
    const result = analyse(set);
    expectOnly(result, both(RISK_CLAUSES, 'partial'));
    for (const id of RISK_CLAUSES) expectFindingOn(result, id, risk, /no likelihood and impact on the configured scale/);
  });

  it('is partial when a risk has no impact', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-3');
    delete risk.impact;
    const result = analyse(set);
    expectOnly(result, both(RISK_CLAUSES, 'partial'));
    expectFindingOn(result, '8.2', risk, /no likelihood and impact/);
  });

  it('is partial when `updated` is older than the risk cycle (a day past due)', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-3');
    risk.updated = '2026-05-25';
    const result = analyse(set);
    expectOnly(result, both(RISK_CLAUSES, 'partial'));
    for (const id of RISK_CLAUSES) expectFindingOn(result, id, risk, /last review 2026-05-25 is older than the P6M risk cycle \(due 2026-11-25\)/);
  });

  it('is met on the due date itself', () => {
    const set = completeSet();
    get(set, 'risk', 'RISK-3').updated = '2026-05-26';
    expectOnly(analyse(set), {});
  });

  it('without `updated`, judges from the date git last changed the file: stale when committed 2025-01-01', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-3');
    delete risk.updated;
    set.history = new Map([[risk.origin.file, changedOn('2025-01-01')]]);
    const result = analyse(set);
    expectOnly(result, both(RISK_CLAUSES, 'partial'));
    expectFindingOn(result, '6.1.2', risk, /last review 2025-01-01 is older than the P6M risk cycle \(due 2025-07-01\)/);
  });

  it('without `updated`, is met when git last changed the file 2026-10-01', () => {
    const set = completeSet();
    delete get(set, 'risk', 'RISK-3').updated;
    set.history = new Map([['aims/risks/register.yaml', changedOn('2026-10-01')]]);
    expectOnly(analyse(set), {});
  });

  it('prefers `updated` over the git date', () => {
    const set = completeSet();
    set.history = new Map([['aims/risks/register.yaml', changedOn('2024-01-01')]]);
    expectOnly(analyse(set), {});
  });

  it('says when no review date is known (no `updated`, no git history)', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-3');
    delete risk.updated;
    const result = analyse(set);
    expectOnly(result, both(RISK_CLAUSES, 'partial'));
    expectFindingOn(result, '6.1.2', risk, /no last review date is known \(no `updated` field and no git history for its file\)/);
  });

  it('ignores the history of a shallow clone, and says so in the notes', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-3');
    delete risk.updated;
    set.history = new Map([[risk.origin.file, changedOn('2026-10-01')]]);
    set.historyProblem = 'shallow';
    const result = analyse(set);
    expectOnly(result, both(RISK_CLAUSES, 'partial'));
    expectFindingOn(result, '8.2', risk, /no last review date is known/);
    expect(result.notes).toEqual([expect.stringMatching(/shallow git clone/)]);
  });

  it('notes when the repository is not a git repository', () => {
    const set = completeSet();
    set.historyProblem = 'not-a-repository';
    const result = analyse(set);
    expectOnly(result, {});
    expect(result.notes).toEqual([expect.stringMatching(/not a git repository/)]);
  });

  it('a closed risk needs no review', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-3');
    risk.status = 'closed';
    risk.updated = '2024-01-01';
    expectOnly(analyse(set), {});
  });

  describe('the as-of date', () => {
    afterEach(() => void vi.useRealTimers());

    it('moves a risk from fresh to stale, reproducibly and without reading the clock', () => {
      const set = completeSet();
      const risk = get(set, 'risk', 'RISK-1');
      expect(risk.updated).toBe('2026-06-01');
      expectOnly(analyse(set, '2026-12-01'), {});
      const stale = analyse(set, '2026-12-02');
      expectOnly(stale, both(RISK_CLAUSES, 'partial'));
      expectFindingOn(stale, '6.1.2', risk, /last review 2026-06-01 is older than the P6M risk cycle \(due 2026-12-01\)/);

      vi.useFakeTimers();
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
      expect(analyse(set, '2026-12-02')).toEqual(stale);
      vi.setSystemTime(new Date('2020-01-01T00:00:00Z'));
      expect(analyse(set, '2026-12-02')).toEqual(stale);
    });
  });
});

describe('6.1.3 / 8.3 risk treatment and the Statement of Applicability', () => {
  it('passes: risks above acceptance are mitigated, transferred or accepted by a named person; the SoA is complete', () => {
    const result = analyse(completeSet());
    for (const id of TREATMENT_CLAUSES) expect(clause(result, id)).toMatchObject({ status: 'met', findings: [] });
  });

  it('is partial when a risk above acceptance has no treatment', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-4');
    delete risk.treatment;
    const result = analyse(set);
    expectOnly(result, both(TREATMENT_CLAUSES, 'partial'));
    for (const id of TREATMENT_CLAUSES) expectFindingOn(result, id, risk, /RISK-4 scores 12, above the acceptance level 6, but has no treatment/);
  });

  it('scores by position on the scales: possible x minor = 6 is not above acceptance 6', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-3');
    risk.likelihood = 'possible';
    risk.impact = 'minor';
    expectOnly(analyse(set), {});
    risk.impact = 'moderate';
    const result = analyse(set);
    expectOnly(result, both(TREATMENT_CLAUSES, 'partial'));
    expectFindingOn(result, '6.1.3', risk, /scores 9, above the acceptance level 6, but has no treatment/);
  });

  it('uses the configured scales and acceptance level', () => {
    const set = completeSet();
    set.config = { ...set.config, risk: { likelihood: ['low', 'medium', 'high'], impact: ['low', 'medium', 'high'], acceptance: 3, source: { file: 'aims.yaml', line: 4 } } };
    const levels: Record<string, [string, string]> = { 'RISK-1': ['high', 'high'], 'RISK-2': ['medium', 'medium'], 'RISK-3': ['low', 'medium'], 'RISK-4': ['medium', 'high'] };
    for (const [id, [likelihood, impact]] of Object.entries(levels)) Object.assign(get(set, 'risk', id), { likelihood, impact });
    get(set, 'risk', 'RISK-1').residual = { likelihood: 'low', impact: 'medium' };
    get(set, 'risk', 'RISK-4').residual = { likelihood: 'low', impact: 'high' };
    expectOnly(analyse(set), {});
    const risk = get(set, 'risk', 'RISK-3');
    risk.likelihood = 'medium';
    risk.impact = 'high';
    const result = analyse(set);
    expectOnly(result, both(TREATMENT_CLAUSES, 'partial'));
    expectFindingOn(result, '8.3', risk, /scores 6, above the acceptance level 3/);
  });

  it('is partial when a risk is mitigated with no control', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-1');
    risk.treatment = { option: 'mitigate', controls: [] };
    const result = analyse(set);
    expectOnly(result, both(TREATMENT_CLAUSES, 'partial'));
    expectFindingOn(result, '6.1.3', risk, /treated by "mitigate" but names no control/);
  });

  it('is partial when a risk is to be avoided with no plan saying how', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-4');
    risk.treatment = { option: 'avoid', plan: 'TBD' };
    const result = analyse(set);
    expectOnly(result, both(TREATMENT_CLAUSES, 'partial'));
    expectFindingOn(result, '6.1.3', risk, /scores 12, above the acceptance level 6, to be avoided, but no plan says how/);
  });

  it('passes a risk avoided by a plan, without asking for a control', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-4');
    risk.treatment = { option: 'avoid', plan: 'Stop using the vendor model and forecast with our own statistics.' };
    expectOnly(analyse(set), {});
  });

  it('passes an accepted risk with accepted_by', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-2');
    expect(risk).toMatchObject({ treatment: { option: 'accept' }, accepted_by: 'Dana Whitfield', likelihood: 'possible', impact: 'moderate' });
    expect(clause(analyse(set), '6.1.3').status).toBe('met');
  });

  it('is partial when a risk is accepted without accepted_by', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-2');
    delete risk.accepted_by;
    const result = analyse(set);
    expectOnly(result, both(TREATMENT_CLAUSES, 'partial'));
    expectFindingOn(result, '8.3', risk, /accepted, but nobody is recorded as accepting it/);
  });

  it('is partial when a treatment names an excluded control', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-1');
    risk.treatment = { option: 'mitigate', controls: ['A.6.2.4', 'A.10.4'] };
    const result = analyse(set);
    // A finding on both sides: the risk (6.1.3, 8.3) and the excluded control (a gap).
    expectOnly(result, both(TREATMENT_CLAUSES, 'partial'), ['A.10.4']);
    expectFindingOn(result, '6.1.3', risk, /treated by `A\.10\.4`, which the SoA does not mark applicable/);
  });

  it('is partial when a treatment names a control with no record', () => {
    const set = completeSet();
    const risk = get(set, 'risk', 'RISK-4');
    risk.treatment = { option: 'transfer', controls: ['CTL-INSURANCE'] };
    const result = analyse(set);
    expectOnly(result, both(TREATMENT_CLAUSES, 'partial'));
    expectFindingOn(result, '6.1.3', risk, /treated by `CTL-INSURANCE`, which has no control record/);
  });

  it('is partial when the SoA lacks a control, listing the undecided id (and the control is a gap)', () => {
    const set = completeSet();
    remove(set, 'A.7.5');
    const result = analyse(set);
    expectOnly(result, both(TREATMENT_CLAUSES, 'partial'), ['A.7.5']);
    expectAbsentFinding(result, '6.1.3', /Statement of Applicability is incomplete: 1 Annex A control has no decision with a justification \(A\.7\.5\)/);
  });

  it('lists every undecided id, including an applicable control without a justification', () => {
    const set = completeSet();
    remove(set, 'A.8.3');
    delete get(set, 'control', 'A.7.5').justification;
    const result = analyse(set);
    expectOnly(result, both(TREATMENT_CLAUSES, 'partial'), ['A.8.3']);
    const message = clause(result, '8.3').findings[0]?.message ?? '';
    expect(message).toMatch(/2 Annex A controls have no decision/);
    expect(message).toContain('A.7.5');
    expect(message).toContain('A.8.3');
  });
});

describe('6.1.4 / 8.4 impact assessment of every in-scope, live AI system', () => {
  it('passes: each in-scope live system has a current assessment, with a DPIA where it processes personal data', () => {
    const result = analyse(completeSet());
    for (const id of IMPACT_CLAUSES) expect(clause(result, id)).toMatchObject({ status: 'met', evidence: ['AIA-CREDIT', 'AIA-FORECAST'] });
  });

  it('is partial when an in-scope system has no assessment, naming the system', () => {
    const set = completeSet();
    remove(set, 'AIA-FORECAST');
    const result = analyse(set);
    expectOnly(result, both(IMPACT_CLAUSES, 'partial'));
    for (const id of IMPACT_CLAUSES) expectFindingOn(result, id, get(set, 'system', 'SYS-FORECAST'), /SYS-FORECAST has no impact assessment/);
  });

  it('is not met by assessments alone when the inventory holds no live, in-scope system (removing systems is no way to green)', () => {
    const set = completeSet();
    removeKind(set, 'system');
    const result = analyse(set);
    for (const id of IMPACT_CLAUSES) {
      expect(clause(result, id).status).toBe('partial');
      expect(clause(result, id).findings.map((f) => f.message)).toContainEqual(expect.stringMatching(/no live, in-scope AI system in the inventory/));
    }
  });

  it('is partial when the latest assessment is older than review_cycles.assessment', () => {
    const set = completeSet();
    const assessment = get(set, 'assessment', 'AIA-FORECAST');
    assessment.date = '2025-10-01';
    const result = analyse(set);
    expectOnly(result, both(IMPACT_CLAUSES, 'partial'));
    expectFindingOn(result, '6.1.4', assessment, /assessment date 2025-10-01 is older than the P12M assessment cycle \(due 2026-10-01\), for system SYS-FORECAST/);
  });

  it('judges the most recent assessment of a system', () => {
    const set = completeSet();
    add(set, 'aims/assessments/forecast-2024.yaml', {
      kind: 'assessment',
      id: 'AIA-FORECAST-2024',
      title: 'Old impact assessment',
      system: 'SYS-FORECAST',
      date: '2024-05-01',
      impacts: [{ group: 'society', description: 'None', severity: 'low' }],
    });
    expectOnly(analyse(set), {});
  });

  it('is partial when a system with personal_data: true has an assessment with no DPIA', () => {
    const set = completeSet();
    const assessment = get(set, 'assessment', 'AIA-CREDIT');
    delete assessment.dpia;
    const result = analyse(set);
    expectOnly(result, both(IMPACT_CLAUSES, 'partial'));
    expectFindingOn(result, '8.4', assessment, /covers system SYS-CREDIT, which processes personal data, but names no DPIA/);
  });

  it('needs no DPIA for a system without personal data', () => {
    const set = completeSet();
    expect(get(set, 'assessment', 'AIA-FORECAST').dpia).toBeUndefined();
    expect(get(set, 'system', 'SYS-FORECAST').personal_data).toBe(false);
    expect(clause(analyse(set), '6.1.4').status).toBe('met');
  });

  it('needs no assessment for a retired system (and does once it is live again)', () => {
    const set = completeSet();
    const legacy = get(set, 'system', 'SYS-LEGACY');
    expect(legacy.lifecycle).toBe('retired');
    expect(set.records.some((r) => r.kind === 'assessment' && r.system === 'SYS-LEGACY')).toBe(false);
    expectOnly(analyse(set), {});
    legacy.lifecycle = 'operation';
    const result = analyse(set);
    expectOnly(result, both(IMPACT_CLAUSES, 'partial'));
    expectFindingOn(result, '6.1.4', legacy, /SYS-LEGACY has no impact assessment/);
  });

  it('needs no assessment for an out-of-scope system (and does once it is in scope)', () => {
    const set = completeSet();
    const agency = get(set, 'system', 'SYS-AGENCY');
    expect(set.records.some((r) => r.kind === 'assessment' && r.system === 'SYS-AGENCY')).toBe(false);
    expectOnly(analyse(set), {});
    delete agency.in_scope;
    const scope = get(set, 'scope', 'SCOPE-1');
    scope.systems = [...(scope.systems ?? []), 'SYS-AGENCY'];
    scope.exclusions = [];
    const result = analyse(set);
    expectOnly(result, both(IMPACT_CLAUSES, 'partial'));
    expectFindingOn(result, '8.4', agency, /SYS-AGENCY has no impact assessment/);
  });

  it('is missing with no AI system and no assessment', () => {
    const set = completeSet();
    removeKind(set, 'system', 'assessment');
    get(set, 'scope', 'SCOPE-1').systems = [];
    const result = analyse(set);
    expectOnly(result, both(IMPACT_CLAUSES, 'missing'));
  });
});

describe('6.2 objectives and 9.1 measurement', () => {
  it('passes with an objective that has metric, target, due date, owner and measurements', () => {
    const result = analyse(completeSet());
    expect(clause(result, '6.2')).toMatchObject({ status: 'met', evidence: ['OBJ-1'] });
    expect(clause(result, '9.1')).toMatchObject({ status: 'met', evidence: ['OBJ-1'] });
  });

  it('both are missing without any objective', () => {
    const set = completeSet();
    removeKind(set, 'objective');
    const result = analyse(set);
    expectOnly(result, { '6.2': 'missing', '9.1': 'missing' });
    expectAbsentFinding(result, '6.2', /no AI objectives/);
  });

  it.each(['metric', 'target', 'due', 'owner'] as const)('6.2 is partial when an objective has no %s', (field) => {
    const set = completeSet();
    const objective = get(set, 'objective', 'OBJ-1');
    delete objective[field];
    const result = analyse(set);
    expectOnly(result, { '6.2': 'partial' });
    expectFindingOn(result, '6.2', objective, new RegExp(`has no ${field}`));
  });

  it('9.1 is partial when an objective has no measurements', () => {
    const set = completeSet();
    const objective = get(set, 'objective', 'OBJ-1');
    objective.measurements = [];
    const result = analyse(set);
    expectOnly(result, { '9.1': 'partial' });
    expectFindingOn(result, '9.1', objective, /has no measurements recorded/);
  });
});

describe('7.2 competence for the roles', () => {
  it('passes when every role has a competence record', () => {
    expect(clause(analyse(completeSet()), '7.2')).toMatchObject({ status: 'met', evidence: ['COMP-LEAD', 'COMP-CEO', 'COMP-AUDITOR'] });
  });

  it('is partial when a role has no competence record, naming the role', () => {
    const set = completeSet();
    remove(set, 'COMP-AUDITOR');
    const result = analyse(set);
    expectOnly(result, { '7.2': 'partial' });
    expectFindingOn(result, '7.2', get(set, 'role', 'ROLE-AUDITOR'), /ROLE-AUDITOR has no competence record/);
  });

  it('is missing without any competence record (7.3 stays met: the policy reaches all staff)', () => {
    const set = completeSet();
    removeKind(set, 'competence');
    const result = analyse(set);
    expectOnly(result, { '7.2': 'missing' });
    expectAbsentFinding(result, '7.2', /no competence records/);
  });
});

describe('9.2.1 / 9.2.2 internal audit', () => {
  it('passes with an independent audit within the cycle whose major and minor findings link a nonconformity', () => {
    const result = analyse(completeSet());
    expect(clause(result, '9.2.1')).toMatchObject({ status: 'met', evidence: ['AUD-2026'] });
    expect(clause(result, '9.2.2')).toMatchObject({ status: 'met', evidence: ['AUD-2026'] });
  });

  it('both are missing without any audit', () => {
    const set = completeSet();
    removeKind(set, 'audit');
    const result = analyse(set);
    expectOnly(result, { '9.2.1': 'missing', '9.2.2': 'missing' });
    expectAbsentFinding(result, '9.2.1', /no internal audit has taken place/);
  });

  it('9.2.1 is partial when the latest audit is older than review_cycles.audit', () => {
    const set = completeSet();
    const audit = get(set, 'audit', 'AUD-2026');
    audit.date = '2025-11-01';
    const result = analyse(set);
    // No audit inside the cycle covers anything, so the programme (9.2.2) falls short too.
    expectOnly(result, { '9.2.1': 'partial', '9.2.2': 'partial' });
    expectFindingOn(result, '9.2.1', audit, /latest audit 2025-11-01 is older than the P12M audit cycle \(due 2026-11-01\)/);
  });

  it('9.2.1 is partial when the auditor was not independent', () => {
    const set = completeSet();
    const audit = get(set, 'audit', 'AUD-2026');
    audit.independent = false;
    const result = analyse(set);
    expectOnly(result, { '9.2.1': 'partial' });
    expectFindingOn(result, '9.2.1', audit, /not carried out by an independent auditor/);
  });

  it('9.2.1 judges the latest audit, not an older one', () => {
    const set = completeSet();
    add(set, 'aims/audits/internal-audit-2024.yaml', { kind: 'audit', id: 'AUD-2024', title: 'Internal audit 2024', date: '2024-06-01', auditor: 'Self', independent: false });
    expectOnly(analyse(set), {});
  });

  it.each(['major', 'minor'])('9.2.2 is partial when a %s finding links no nonconformity', (type) => {
    const set = completeSet();
    const audit = get(set, 'audit', 'AUD-2026');
    audit.findings = [...(audit.findings ?? []), { id: 'F-9', type, description: 'Something wrong' }];
    const result = analyse(set);
    expectOnly(result, { '9.2.2': 'partial', '10.2': 'partial' });
    expectFindingOn(result, '10.2', audit, new RegExp(`finding F-9 is ${type} but links no nonconformity`));
    expectFindingOn(result, '9.2.2', audit, new RegExp(`finding F-9 is ${type} but links no nonconformity`));
  });

  it('9.2.2 follows the configured severity scale: a critical finding on a custom scale needs a nonconformity too', () => {
    const set = completeSet();
    set.config = { ...set.config, nonconformity: { severities: ['critical', 'major', 'minor'], blocking: ['critical'] } };
    const audit = get(set, 'audit', 'AUD-2026');
    audit.findings = [...(audit.findings ?? []), { id: 'F-9', type: 'critical', description: 'Something badly wrong' }];
    const result = analyse(set);
    expectOnly(result, { '9.2.2': 'partial', '10.2': 'partial' });
    expectFindingOn(result, '9.2.2', audit, /finding F-9 is critical but links no nonconformity/);
  });

  it('9.2.2 needs no nonconformity for an observation or an opportunity', () => {
    const set = completeSet();
    const audit = get(set, 'audit', 'AUD-2026');
    audit.findings = [...(audit.findings ?? []), { id: 'F-9', type: 'opportunity', description: 'Could automate' }];
    expectOnly(analyse(set), {});
  });
});

describe('9.3 management review', () => {
  it('passes with a review within the cycle, with inputs, decisions and no overdue action', () => {
    const result = analyse(completeSet());
    for (const id of ['9.3.1', '9.3.2', '9.3.3']) expect(clause(result, id)).toMatchObject({ status: 'met', evidence: ['MR-2026'] });
  });

  it('all three are missing without any review', () => {
    const set = completeSet();
    removeKind(set, 'review');
    const result = analyse(set);
    expectOnly(result, { '9.3.1': 'missing', '9.3.2': 'missing', '9.3.3': 'missing' });
    expectAbsentFinding(result, '9.3.1', /no management review has taken place/);
  });

  it('9.3.1 is partial when the latest review is older than review_cycles.review', () => {
    const set = completeSet();
    const review = get(set, 'review', 'MR-2026');
    review.date = '2025-11-01';
    const result = analyse(set);
    // No review inside the cycle, so no topic was considered in it either (9.3.2).
    expectOnly(result, { '9.3.1': 'partial', '9.3.2': 'partial' });
    expectFindingOn(result, '9.3.1', review, /latest management review 2025-11-01 is older than the P12M review cycle/);
  });

  it('9.3.2 is partial when the review records no inputs', () => {
    const set = completeSet();
    const review = get(set, 'review', 'MR-2026');
    review.inputs = [];
    const result = analyse(set);
    expectOnly(result, { '9.3.2': 'partial' });
    expectFindingOn(result, '9.3.2', review, /no management review within the P12M review cycle considered previous-actions, .* or improvement-opportunities/);
  });

  it('9.3.3 is partial when the review records no decisions', () => {
    const set = completeSet();
    const review = get(set, 'review', 'MR-2026');
    delete review.decisions;
    const result = analyse(set);
    expectOnly(result, { '9.3.3': 'partial' });
    expectFindingOn(result, '9.3.3', review, /records no decisions/);
  });

  it('9.3.3 is partial when an action is overdue and not done', () => {
    const set = completeSet();
    const review = get(set, 'review', 'MR-2026');
    review.actions = [{ action: 'Hire a fairness tester', owner: 'ROLE-LEAD', due: '2026-11-25', status: 'open' }];
    const result = analyse(set);
    expectOnly(result, { '9.3.3': 'partial' });
    expectFindingOn(result, '9.3.3', review, /action "Hire a fairness tester" was due 2026-11-25 and is not done/);
  });

  it('9.3.3: an action due on the as-of date is not yet overdue, and a done action past due is fine', () => {
    const set = completeSet();
    get(set, 'review', 'MR-2026').actions = [
      { action: 'Due today', due: '2026-11-26', status: 'open' },
      { action: 'Done late', due: '2026-01-01', status: 'done' },
    ];
    expectOnly(analyse(set), {});
  });

  it('9.3.3 counts overdue actions of an earlier review too', () => {
    const set = completeSet();
    const old = add(set, 'aims/reviews/management-review-2025.yaml', {
      kind: 'review',
      id: 'MR-2025',
      title: 'Management review 2025',
      date: '2025-10-01',
      attendees: ['CEO'],
      inputs: ['Risk register'],
      decisions: ['Start the AIMS'],
      actions: [{ action: 'Write the AI policy', due: '2026-03-31' }],
    });
    const result = analyse(set);
    expectOnly(result, { '9.3.3': 'partial' });
    expectFindingOn(result, '9.3.3', old, /"Write the AI policy" was due 2026-03-31 and is not done/);
  });
});

describe('10.2 nonconformity and corrective action', () => {
  it('passes: root cause, corrective action on time, and an effectiveness check once closed', () => {
    expect(clause(analyse(completeSet()), '10.2')).toMatchObject({ status: 'met', evidence: ['NC-1', 'NC-2'] });
  });

  it('is partial when a nonconformity has no root cause', () => {
    const set = completeSet();
    const nc = get(set, 'nonconformity', 'NC-2');
    delete nc.root_cause;
    const result = analyse(set);
    expectOnly(result, { '10.2': 'partial' });
    expectFindingOn(result, '10.2', nc, /NC-2 has no root cause/);
  });

  it('is partial when a nonconformity has no corrective action', () => {
    const set = completeSet();
    const nc = get(set, 'nonconformity', 'NC-2');
    nc.corrective_actions = [];
    const result = analyse(set);
    expectOnly(result, { '10.2': 'partial' });
    expectFindingOn(result, '10.2', nc, /NC-2 has no corrective action/);
  });

  it('is partial when a nonconformity is closed with a correction alone: a closure needs a root cause and corrective action', () => {
    const set = completeSet();
    const nc = get(set, 'nonconformity', 'NC-1');
    delete nc.root_cause;
    delete nc.corrective_actions;
    expect(nc).toMatchObject({ status: 'closed', correction: expect.any(String) });
    const result = analyse(set);
    expectOnly(result, { '10.2': 'partial' });
    expectFindingOn(result, '10.2', nc, /NC-1 has no root cause/);
    expectFindingOn(result, '10.2', nc, /NC-1 has no corrective action/);
  });

  it('an open nonconformity with only a correction still needs a root cause and a corrective action', () => {
    const set = completeSet();
    const nc = get(set, 'nonconformity', 'NC-2');
    nc.correction = 'Alert acknowledged';
    delete nc.root_cause;
    delete nc.corrective_actions;
    const result = analyse(set);
    expectOnly(result, { '10.2': 'partial' });
    expectFindingOn(result, '10.2', nc, /root cause/);
  });

  it('is partial when an open corrective action is past its due date', () => {
    const set = completeSet();
    const nc = get(set, 'nonconformity', 'NC-2');
    nc.corrective_actions = [{ action: 'Route alerts to the on-call rota', owner: 'ROLE-LEAD', due: '2026-11-01', status: 'open' }];
    const result = analyse(set);
    expectOnly(result, { '10.2': 'partial' });
    expectFindingOn(result, '10.2', nc, /corrective action "Route alerts to the on-call rota" was due 2026-11-01 and is still open/);
  });

  it('is partial when a closed nonconformity has no effectiveness check', () => {
    const set = completeSet();
    const nc = get(set, 'nonconformity', 'NC-1');
    delete nc.effectiveness;
    const result = analyse(set);
    expectOnly(result, { '10.2': 'partial' });
    expectFindingOn(result, '10.2', nc, /closed without an effectiveness check/);
  });

  it('with no nonconformity at all, is partial until the process for handling one is documented', () => {
    const set = completeSet();
    removeKind(set, 'nonconformity');
    get(set, 'audit', 'AUD-2026').findings = [];
    const result = analyse(set);
    expectOnly(result, { '10.2': 'partial' });
    expectAbsentFinding(result, '10.2', /no nonconformity recorded, and no documented process for handling one/);
    expect(clause(result, '10.2').findings[0]?.next).toMatch(/clauses: \["10\.2"\]/);
  });

  it('with no nonconformity at all, is met once a record cites 10.2 with evidence of the process', () => {
    const set = completeSet();
    removeKind(set, 'nonconformity');
    get(set, 'audit', 'AUD-2026').findings = [];
    const ops = get(set, 'control', 'CTL-OPERATIONS');
    ops.clauses = [...(ops.clauses ?? []), '10.2'];
    expectOnly(analyse(set), {});
  });
});

describe('clauses met by documented information (4.4, 5.1, 6.1.1, 6.3, 7.1, 7.4, 7.5.x, 8.1, 10.1)', () => {
  const documentation = catalogue.entries.filter((e) => LEAF_CLAUSES.includes(e.id) && e.evidencedBy.length === 0).map((e) => e.id);
  const document = (set: ReturnType<typeof completeSet>, id: string) => get(set, 'document', id);

  it('each is met by an approved, in-date document, and its verdict names that document with file and line', () => {
    expect(documentation).toEqual(['4.4', '5.1', '6.1.1', '6.3', '7.1', '7.4', '7.5.1', '7.5.2', '7.5.3', '8.1', '10.1']);
    const set = completeSet();
    const result = analyse(set);
    const rules = document(set, 'DOC-RISK');
    expect(clause(result, '6.1.1')).toMatchObject({ status: 'met' });
    expect(clause(result, '6.1.1').basis).toContainEqual({ id: 'DOC-RISK', kind: 'document', file: rules.origin.file, line: rules.origin.line });
    for (const id of documentation) expect(clause(result, id).basis.some((b) => b.kind === 'document'), id).toBe(true);
  });

  it('a cited file is not enough: without a document the clause is partial (the old false green)', () => {
    const set = completeSet();
    remove(set, 'DOC-MANUAL');
    const result = analyse(set);
    expectOnly(result, { '4.4': 'partial', '7.5.1': 'partial' });
    expectAbsentFinding(result, '7.5.1', /no approved document serves clause 7\.5\.1/);
  });

  it.each([
    ['a draft', (d: RecordOfKind<'document'>) => (d.status = 'draft'), /is draft, not approved/],
    ['an unapproved document', (d: RecordOfKind<'document'>) => delete d.approved, /is not approved/],
    ['a document past its next review', (d: RecordOfKind<'document'>) => (d.next_review = '2026-11-25'), /was due for review on 2026-11-25/],
    ['a document approved after the as-of date', (d: RecordOfKind<'document'>) => (d.approved = { by: 'Board', date: '2026-11-27' }), /is approved only from 2026-11-27/],
    [
      'a document without next_review, approved longer ago than the document cycle',
      (d: RecordOfKind<'document'>) => {
        delete d.next_review;
        d.approved = { by: 'Board', date: '2025-11-25' };
      },
      /was last reviewed on 2025-11-25, more than P12M ago/,
    ],
    // Approval metadata alone shows nothing: the document itself must be cited and exist.
    ['an approved document that cites no document', (d: RecordOfKind<'document'>) => delete d.evidence, /cites no document that exists/],
    ['an approved document whose cited file is missing', (d: RecordOfKind<'document'>) => (d.evidence = ['evidence/documents/nowhere.md']), /cites no document that exists/],
  ])('6.3 is not met by %s', (_what, change, message) => {
    const set = completeSet();
    const doc = document(set, 'DOC-CHANGE');
    change(doc);
    const result = analyse(set);
    expectOnly(result, { '6.3': 'partial' });
    expectFindingOn(result, '6.3', doc, message);
  });

  it('a document cited by an https URL counts (no false red for documents kept in a wiki)', () => {
    const set = completeSet();
    document(set, 'DOC-CHANGE').evidence = ['https://wiki.acme-lending.co.uk/aims/change-procedure'];
    expectOnly(analyse(set), {});
  });

  it('a document in date by its next_review passes however old its approval', () => {
    const set = completeSet();
    document(set, 'DOC-CHANGE').approved = { by: 'Board', date: '2024-01-01' };
    expectOnly(analyse(set), {});
  });

  it('8.1 is "documented only" (partial) when nothing shows the procedure has run', () => {
    const set = completeSet();
    get(set, 'control', 'CTL-OPERATIONS').clauses = ['4.4', '10.1'];
    const result = analyse(set);
    expectOnly(result, { '8.1': 'partial' });
    expectFindingOn(result, '8.1', document(set, 'DOC-OPS'), /documented only: document DOC-OPS describes the process, but nothing shows it has run/);
  });

  it('5.1 is documented only without a management review, and met by one', () => {
    const set = completeSet();
    delete get(set, 'control', 'CTL-LEADERSHIP').clauses;
    expect(clause(analyse(set), '5.1').status).toBe('met');
    removeKind(set, 'review');
    const result = analyse(set);
    expect(clause(result, '5.1').status).toBe('partial');
    expectFindingOn(result, '5.1', document(set, 'DOC-CHARTER'), /documented only/);
  });

  it('7.5.2 is partial when a document has no version', () => {
    const set = completeSet();
    const doc = document(set, 'DOC-RESOURCES');
    delete doc.version;
    const result = analyse(set);
    expectOnly(result, { '7.5.2': 'partial' });
    expectFindingOn(result, '7.5.2', doc, /has no version/);
  });

  it('without documents, a clause is missing unless records show the process ran (then partial)', () => {
    const set = completeSet();
    removeKind(set, 'document');
    for (const r of set.records) delete r.clauses;
    const result = analyse(set);
    expectOnly(result, { ...Object.fromEntries(documentation.map((id) => [id, 'missing'])), '5.1': 'partial', '6.1.1': 'partial', '7.4': 'partial', '10.1': 'partial' });
  });

  it('citing a clause that has its own rule does not meet it', () => {
    const set = completeSet();
    removeKind(set, 'objective');
    get(set, 'control', 'CTL-CHANGE').clauses = ['6.1.1', '6.3', '6.2'];
    const result = analyse(set);
    expectOnly(result, { '6.2': 'partial', '9.1': 'missing' });
  });
});
