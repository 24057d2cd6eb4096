import type { Blocker, ClauseGap, DocumentState, Finding, GapResult } from '../model/gap.js';
import { documentStates, provenanceFindings } from './document-control.js';
import { countDiagnostics } from '../model/diagnostic.js';
import { CLAUSE_RULES } from './clauses/index.js';
import { citing, genericClause } from './clauses/generic.js';
import { type AnalysisInput, createContext, label, traces } from './context.js';
import { placeholderFindings } from './placeholders.js';
import { analyseControls } from './controls.js';
import { discoverGapFindings } from './discover/gap-findings.js';

/** Where unregistered AI use in code counts (aims discover, `discover.paths`). */
const SCOPE = '4.3';
const RESOURCES = 'A.4.2';
const SUPPLIERS = 'A.10.3';
import { findBlockers } from './blockers.js';
import { journey } from './phases.js';
import { scoreReadiness } from './readiness.js';

const HISTORY_NOTES = {
  'not-a-repository': 'not a git repository: review dates come from `updated` fields only',
  'no-git': 'git is not installed: review dates come from `updated` fields only',
  'no-commits': 'a git repository with no commits yet: review dates come from `updated` fields only, and no record has a version',
  bare: 'a bare git repository has no working tree to read: judge a commit with --ref',
  shallow: 'shallow git clone: file dates are unreliable and were not used (in CI, fetch the full history, e.g. actions/checkout with `fetch-depth: 0`)',
} as const;

/** Records + catalogue → every clause and Annex A control judged as of `asOf`. Pure. */
export function analyseGaps(input: AnalysisInput): GapResult {
  const ctx = createContext(input);
  const parents = new Set(ctx.catalogue.entries.map((e) => e.parent));
  // A clause "has requirements" when nothing sits below it: 6.1.2 does, its heading 6.1 does not.
  const leaves = ctx.catalogue.entries.filter((e) => e.kind === 'clause' && !parents.has(e.id));
  const documents = documentStates(ctx);
  // Clauses that rest only on records still holding scaffold text: they show nothing yet, so earn nothing.
  const scaffoldOnly = new Set<string>();
  const discovered = input.discovered ? discoverGapFindings(input.discovered, input.discovered.aimsRoot) : undefined;
  const clauses = leaves.map((entry): ClauseGap => {
    const cited = citing(ctx, entry.id);
    const rule = CLAUSE_RULES[entry.id];
    const outcome = rule ? rule(ctx) : genericClause(ctx, entry, cited);
    if (entry.id === DOCUMENT_CONTROL) outcome.findings.push(...reapprovalFindings(documents), ...provenanceFindings(ctx));
    // Scaffold text in a record the clause rests on counts as absent: the clause waits for it.
    // (Only when some record holds scaffold text: a clause may rest on thousands of records.)
    for (const r of ctx.placeholders.size > 0 ? new Set([...outcome.evidence, ...cited]) : []) {
      const spots = (ctx.placeholders.get(r) ?? []).filter((s) => !outcome.reads || outcome.reads.includes(s.pointer.split('/')[1] ?? ''));
      if (spots.length > 0) outcome.findings.push(...placeholderFindings(r, spots, label(r)));
    }
    if (entry.id === SCOPE && discovered) outcome.findings.push(...discovered.scope);
    const basis = traces([...outcome.evidence, ...cited]);
    const evidence = basis.map((t) => t.id);
    const status = outcome.findings.length === 0 ? 'met' : (outcome.status ?? (evidence.length > 0 ? 'partial' : 'missing'));
    const resting = [...outcome.evidence, ...cited];
    if (resting.length > 0 && resting.every((r) => ctx.placeholders.has(r))) scaffoldOnly.add(entry.id);
    return { id: entry.id, title: entry.title, status, evidence, basis, findings: outcome.findings };
  });
  const controls = analyseControls(ctx);
  for (const control of controls) {
    const extra = control.id === RESOURCES ? discovered?.resources : control.id === SUPPLIERS ? discovered?.suppliers : undefined;
    if (extra && extra.length > 0) {
      control.findings.push(...extra);
      control.gap = true;
    }
  }
  const { errors, warnings } = countDiagnostics(input.diagnostics);
  const blockers = findBlockers(ctx, controls);
  for (const clause of clauses) holdBack(clause, blockers);
  const { readiness, detail } = scoreReadiness(clauses, controls, ctx.catalogue.readiness, errors > 0, scaffoldOnly);
  const notes: string[] = [];
  if (input.historyProblem) notes.push(HISTORY_NOTES[input.historyProblem]);
  const undecided = input.historyProblem === 'shallow' ? 0 : (input.recordHistory?.undecided.size ?? 0);
  if (undecided > 0) notes.push(`${undecided} record${undecided === 1 ? ' is' : 's are'} dated by the last change of ${undecided === 1 ? 'its' : 'their'} file, which may be later than the record's own: git history was too long to follow, or an old version was larger than max_file_size`);
  return {
    asOf: input.asOf,
    ...(input.config.organisation ? { organisation: input.config.organisation } : {}),
    catalogue: ctx.catalogue.title,
    readiness,
    readinessDetail: detail,
    blockers: blockers.map(({ check: _check, undecided: _undecided, ...b }) => b),
    phases: journey(ctx.catalogue, clauses, controls, blockers, scaffoldOnly),
    validation: { errors, warnings },
    clauses,
    controls,
    notes,
    documents,
    suppressions: [...(input.suppressions ?? [])],
  };
}

/** A clause that a certification blocker names is never met: the blocker becomes its finding. */
function holdBack(clause: ClauseGap, blockers: readonly Blocker[]): void {
  if (clause.findings.length > 0) return;
  const own = blockers.filter((b) => b.id === clause.id);
  if (own.length === 0) return;
  clause.findings = own.map(({ id: _id, ...f }) => f);
  clause.status = clause.evidence.length > 0 ? 'partial' : 'missing';
}

/** 7.5.3, control of documented information: an approved record changed since is not yet re-approved. */
const DOCUMENT_CONTROL = '7.5.3';

function reapprovalFindings(documents: readonly DocumentState[]): Finding[] {
  return documents
    .filter((d) => d.awaitingReapproval)
    .map((d) => ({
      message: `${d.kind} ${d.id} was changed on ${d.changedOn} (version ${d.version}, by ${d.changedBy}) after its approval on ${d.approvedOn}: it awaits re-approval`,
      record: d.id,
      kind: d.kind,
      file: d.file,
      line: d.line,
      next: 'have the change approved and update `approved.date`',
    }));
}
