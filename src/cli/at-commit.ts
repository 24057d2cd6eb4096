import type { GapReport } from '../api/analyse.js';
import type { Io } from './io.js';

/** Says which commit was judged when --as-of is earlier than the last commit (on stderr: it is not part of the report). */
export function noteAtCommit(io: Io, report: GapReport): void {
  io.stderr(atCommitNote(report));
}

/** The note itself, or nothing when the working tree or HEAD was judged. */
export function atCommitNote(report: GapReport): string {
  if (!report.atCommit) return '';
  const { commit, date } = report.atCommit;
  return `aims: judged commit ${commit.slice(0, 7)} (committed ${date.slice(0, 10)}), the last one on or before ${report.gaps.asOf}; later commits and uncommitted changes are not part of the judgement\n`;
}
