import type { ClauseStatus, Finding } from '../../model/gap.js';
import type { AimsRecord } from '../../model/record.js';
import type { AnalysisContext } from '../context.js';

/** What a clause rule found: the records that evidence the clause, and what is wrong or missing. */
export interface ClauseOutcome {
  evidence: readonly AimsRecord[];
  findings: Finding[];
  /** The fields the rule reads, where it reads only some of its evidence's: scaffold text elsewhere does not weaken the clause. */
  reads?: readonly string[];
  /** The status when there are findings, where the rule knows better than "partial with evidence, else missing". */
  status?: ClauseStatus;
}

export type ClauseRule = (ctx: AnalysisContext) => ClauseOutcome;

/** A finding about something absent from the whole repository. */
export function absent(message: string, next: string): Finding {
  return { message, next };
}

/** Several rules judging one clause: every record they rest on, every finding. */
export function allOf(...rules: ClauseRule[]): ClauseRule {
  return (ctx) => {
    const outcomes = rules.map((rule) => rule(ctx));
    const combined: ClauseOutcome = { evidence: outcomes.flatMap((o) => o.evidence), findings: outcomes.flatMap((o) => o.findings) };
    const status = outcomes.find((o) => o.findings.length > 0 && o.status !== undefined)?.status;
    if (status !== undefined) combined.status = status;
    // Fields read: known only when every rule says which it reads.
    if (outcomes.every((o) => o.reads !== undefined)) combined.reads = outcomes.flatMap((o) => o.reads ?? []);
    return combined;
  };
}
