import type { DocumentState } from '../model/gap.js';
import type { AimsRecord } from '../model/record.js';
import type { AnalysisContext } from './context.js';

/**
 * Clause 7.5 from git: each record's version (the short hash of the last commit that changed
 * its file), who changed it and when, and whether an approved record was edited after its
 * approval date, so it awaits re-approval.
 */
export function documentStates(ctx: AnalysisContext): DocumentState[] {
  const usable = ctx.history && ctx.historyProblem !== 'shallow' ? ctx.history : undefined;
  return ctx.records.map((record) => {
    const h = usable?.get(record.origin.file);
    const approvedOn = approvalDate(record);
    const changedOn = h ? h.lastDate.slice(0, 10) : '';
    const before = record.id !== undefined ? ctx.previousApprovals?.get(record.id) : undefined;
    const recordedApproval = before !== undefined && before !== approvedOn;
    const state: DocumentState = {
      id: record.id ?? '',
      kind: record.kind,
      file: record.origin.file,
      line: record.origin.line,
      version: h ? h.lastCommit.slice(0, 7) : '',
      changedBy: h?.lastAuthor ?? '',
      changedOn,
      firstCommitted: h ? h.firstDate.slice(0, 10) : '',
      approvedOn,
      // Edited after approval: changed since it was first added (the import of an already
      // approved document is not an edit), on a later day than the approval, and not by the
      // change that recorded the approval itself.
      awaitingReapproval: h !== undefined && h.lastCommit !== h.firstCommit && approvedOn !== '' && changedOn > approvedOn && !recordedApproval,
    };
    return state;
  });
}

function approvalDate(record: AimsRecord): string {
  if (record.kind === 'scope' || record.kind === 'policy' || record.kind === 'assessment') return record.approved?.date ?? '';
  return '';
}
