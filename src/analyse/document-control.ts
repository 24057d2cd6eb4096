import type { DocumentState, Finding } from '../model/gap.js';
import type { AimsRecord } from '../model/record.js';
import { type AnalysisContext, finding, label, lastChange } from './context.js';

/** git's %G? letters in words. */
const SIGNATURES: Readonly<Record<string, string>> = {
  G: 'good',
  U: 'good, key of unknown validity',
  X: 'good, signature expired',
  Y: 'good, key expired',
  R: 'good, key revoked',
  B: 'bad',
  E: 'cannot be checked (unknown key)',
  N: 'unsigned',
};

/** An author date this much older than the commit date is backdated, beyond any rebase or review delay. */
export const BACKDATED_DAYS = 30;

/**
 * Clause 7.5 from git: each record's version (the short hash of the last commit that changed
 * the record itself), who changed it and when (committer date, with the author date beside
 * it), the commit's signature, and whether an approved record was edited after its approval
 * date, so it awaits re-approval.
 */
export function documentStates(ctx: AnalysisContext): DocumentState[] {
  return ctx.records.map((record) => {
    const change = lastChange(ctx, record);
    const approvedOn = approvalDate(record);
    const changedOn = change ? change.last.committed.slice(0, 10) : '';
    // The change that set this approval date records the approval; it is not an edit awaiting one.
    const recordedApproval = change !== undefined && change.approvedBefore !== approvedOn;
    const state: DocumentState = {
      id: record.id ?? '',
      kind: record.kind,
      file: record.origin.file,
      line: record.origin.line,
      version: change ? change.last.commit.slice(0, 7) : '',
      perFile: change?.perFile ?? false,
      changedBy: change?.last.author ?? '',
      changedOn,
      authoredOn: change ? change.last.authored.slice(0, 10) : '',
      signature: change ? (SIGNATURES[change.last.signature] ?? change.last.signature) : '',
      signer: change?.last.signer ?? '',
      firstCommitted: change ? change.firstDate.slice(0, 10) : '',
      approvedOn,
      // Edited after approval: changed since it was first added (the import of an already
      // approved document is not an edit), on a later day than the approval, and not by the
      // change that recorded the approval itself.
      awaitingReapproval: change !== undefined && !change.added && approvedOn !== '' && changedOn > approvedOn && !recordedApproval,
    };
    return state;
  });
}

/** The record kinds that carry an approval, and its date. */
export function approvalDate(record: AimsRecord): string {
  if (record.kind === 'scope' || record.kind === 'policy' || record.kind === 'assessment' || record.kind === 'document') return record.approved?.date ?? '';
  return '';
}

/**
 * 7.5.3 from provenance: with `approvals.require_signed_commits`, an approved record whose
 * last change is not in a good-signed commit; and any record whose last change claims an
 * author date far older than when it entered the repository (backdated), named by commit.
 */
export function provenanceFindings(ctx: AnalysisContext): Finding[] {
  const findings: Finding[] = [];
  const backdated = new Map<string, AimsRecord[]>();
  for (const record of ctx.records) {
    const change = lastChange(ctx, record);
    if (!change) continue;
    const version = change.last.commit.slice(0, 7);
    if (ctx.config.approvals.requireSignedCommits && approvalDate(record) !== '' && change.last.signature !== 'G') {
      const state = SIGNATURES[change.last.signature] ?? (change.last.signature || 'unknown');
      findings.push(
        finding(
          record,
          `${label(record)} is approved, but its last change (version ${version}, by ${change.last.author}, ${change.last.committed.slice(0, 10)}) is not in a good-signed commit (${state}); aims.yaml requires signed commits for approved records`,
          'make changes to approved records in signed commits (git commit -S) with a key the reviewer trusts, and record the approval in one',
        ),
      );
    }
    const days = (Date.parse(change.last.committed) - Date.parse(change.last.authored)) / 86_400_000;
    if (days > BACKDATED_DAYS) {
      const list = backdated.get(change.last.commit);
      if (list) list.push(record);
      else backdated.set(change.last.commit, [record]);
    }
  }
  for (const [commit, records] of backdated) {
    const first = records[0] as AimsRecord;
    const change = lastChange(ctx, first) as NonNullable<ReturnType<typeof lastChange>>;
    const names = records.map((r) => r.id ?? label(r)).join(', ');
    findings.push(
      finding(
        first,
        `commit ${commit.slice(0, 7)} (last change of ${names}) claims to be authored on ${change.last.authored.slice(0, 10)} but entered the repository on ${change.last.committed.slice(0, 10)}: its author date is backdated; aims dates the change by when it was committed`,
        'check with its author why the date differs; if the change is genuine, have it reviewed (and re-approved where the record is approved) in a new commit',
      ),
    );
  }
  return findings;
}
