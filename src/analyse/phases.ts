import type { Catalogue, PhaseDefinition, ReadinessRules } from '../model/catalogue.js';
import type { ClauseGap, ControlGap, Phase, PhaseStatus } from '../model/gap.js';
import { BLOCKER_CHECKS, type CheckedBlocker } from './blockers.js';
import { clauseItems, percent, points } from './readiness.js';

const MAX_NEXT = 3;

/**
 * The certification journey: each phase's readiness (scored like the whole), its status and its
 * three most important next actions. The last phase, which has no requirements of its own, is
 * judged by the blockers: done when none is left.
 */
export function journey(
  catalogue: Catalogue,
  clauses: readonly ClauseGap[],
  controls: readonly ControlGap[],
  blockers: readonly CheckedBlocker[],
  scaffoldOnly: ReadonlySet<string> = new Set(),
): Phase[] {
  const rules = catalogue.readiness;
  if (!rules) return [];
  const phases: Phase[] = [];
  for (const def of rules.phases) {
    if (def.entries.length === 0) {
      phases.push(finalPhase(def, blockers, phases, rules));
      continue;
    }
    const covers = (id: string): boolean => def.entries.some((e) => id === e || id.startsWith(`${e}.`));
    const ownClauses = clauses.filter((c) => covers(c.id));
    const ownControls = controls.filter((c) => covers(c.id));
    const ids = new Set([...ownClauses, ...ownControls].map((x) => x.id));
    const readiness = percent(points(clauseItems(ownClauses, rules, scaffoldOnly), ownControls, rules));
    const ownBlockers = blockers.filter((b) => ids.has(b.id));
    // Something shown: a clause met with records behind it, or a control decided. A clause met
    // by having nothing (no nonconformity yet) does not start a phase.
    const started = ownClauses.some((c) => c.status !== 'missing' && c.evidence.length > 0) || ownControls.some((c) => c.decision !== 'undecided');
    const status: PhaseStatus = readiness === 100 && ownBlockers.length === 0 ? 'done' : started ? 'in-progress' : 'not-started';
    phases.push({
      id: def.id,
      title: def.title,
      readiness,
      status,
      clauses: ownClauses.map((c) => c.id),
      controls: ownControls.map((c) => c.id),
      next: nextActions(ownBlockers, ownClauses, ownControls, rules),
    });
  }
  return phases;
}

function finalPhase(def: PhaseDefinition, blockers: readonly CheckedBlocker[], before: readonly Phase[], rules: ReadinessRules): Phase {
  const failing = new Set(blockers.map((b) => b.check));
  const status: PhaseStatus = blockers.length === 0 ? 'done' : before.some((p) => p.status === 'not-started') ? 'not-started' : 'in-progress';
  // Some checks pass by having nothing (no overdue nonconformity before there is any): before
  // every earlier phase has begun, passing them shows nothing, so the phase earns nothing.
  const readiness = status === 'not-started' ? 0 : Math.floor((100 * (BLOCKER_CHECKS.length - failing.size)) / BLOCKER_CHECKS.length);
  const next =
    blockers.length === 0
      ? ['build the evidence pack (`aims report pack`) and check it with `aims verify` before sending it to the certification body']
      : nextActions(blockers, [], [], rules);
  return { id: def.id, title: def.title, readiness, status, clauses: [], controls: [], next };
}

/** Blockers first, then prerequisite clauses, other clauses and controls; one action per record or requirement. */
function nextActions(blockers: readonly CheckedBlocker[], clauses: readonly ClauseGap[], controls: readonly ControlGap[], rules: ReadinessRules): string[] {
  const actions = new Map<string, string>();
  const add = (subject: string, next: string): void => {
    if (!actions.has(subject)) actions.set(subject, `${subject}: ${next}`);
  };
  const undecided = blockers.filter(isUndecided).length;
  for (const b of blockers) if (!isUndecided(b)) add(b.record ?? b.id, b.next);
  if (undecided > 0) add('Annex A', `decide the ${undecided} undecided control${undecided === 1 ? '' : 's'} in the Statement of Applicability`);
  const important = (c: ClauseGap): boolean => rules.prerequisites.includes(c.id);
  for (const c of [...clauses.filter(important), ...clauses.filter((c) => !important(c))]) for (const f of c.findings) add(f.record ?? c.id, f.next);
  for (const c of controls) if (c.decision !== 'undecided') for (const f of c.findings) add(c.id, f.next);
  return [...actions.values()].slice(0, MAX_NEXT);
}

function isUndecided(b: CheckedBlocker): boolean {
  return b.undecided === true;
}
