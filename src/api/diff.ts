import { diffAims, type DiffSide } from '../analyse/diff-aims.js';
import type { DiffResult } from '../model/diff.js';
import type { FileCheck } from '../validate/validate.js';
import { analyseRepository } from './analyse.js';

/** What changed in the AIMS between two revisions, or a revision and the working tree. */
export interface DiffOptions {
  /** The earlier revision (commit, tag or branch). */
  from: string;
  /** The later revision; the working tree when absent. */
  to?: string;
  /** The caller's today (YYYY-MM-DD): the library never reads the clock. */
  today: string;
  /** Judge both sides as of this date (default: the later side's date). */
  asOf?: string;
}

/** The diff, with the later side's validation errors. */
export async function diffRepository(root: string, options: DiffOptions): Promise<DiffResult & { errors: number }> {
  const side = async (ref: string | undefined, asOf: string | undefined, reuse?: ReadonlyMap<string, FileCheck>): Promise<DiffSide & { fileChecks: ReadonlyMap<string, FileCheck>; errors: number }> => {
    const { check, gaps } = await analyseRepository(root, {
      today: options.today,
      pinToAsOf: false,
      ...(asOf !== undefined ? { asOf } : {}),
      ...(ref !== undefined ? { ref } : {}),
      ...(reuse ? { reuse } : {}),
    });
    const label = ref === undefined ? `working tree${check.snapshot.revision?.dirty ? ' (uncommitted changes)' : ''}` : `${ref} (${check.snapshot.revision?.short ?? '?'})`;
    return { label, records: check.records, config: check.config, gaps, fileChecks: check.fileChecks, errors: check.summary.errors };
  };
  // The later side first: the earlier one then re-checks only the files that differ. Both are
  // judged as of the same date (by default the later side's), so no clause moves by the calendar alone.
  let to = await side(options.to, options.asOf);
  let from = await side(options.from, to.gaps.asOf, to.fileChecks);
  if (options.asOf === undefined && options.to !== undefined) {
    // Named the other way round (diff v2 v1): the later side's date is the earlier-named one's.
    const own = await side(options.from, undefined, to.fileChecks);
    if (own.gaps.asOf > to.gaps.asOf) {
      from = own;
      to = await side(options.to, own.gaps.asOf, own.fileChecks);
    }
  }
  return Object.assign(diffAims(from, to), { errors: to.errors });
}

export { diffJson, diffMarkdown, diffText } from '../render/diff/diff-render.js';
