import path from 'node:path';
import type { GapResult } from '../model/gap.js';
import { InputError } from '../model/errors.js';
import { plural } from '../model/plural.js';
import { analyseGaps } from '../analyse/analyse-gaps.js';
import { asOfProblem, isIsoDate } from '../analyse/dates.js';
import { HISTORY_LIMITS, recordHistories, type RecordHistories } from '../analyse/record-history.js';
import { recordKey } from '../load/record-contents.js';
import { approvalDate } from '../analyse/document-control.js';
import type { FileCheck } from '../validate/validate.js';
import { substanceOf } from '../validate/rules/evidence-paths.js';
import { commitAsOf, type ObjectReader, openObjectReader } from '../workspace/git.js';
import type { CacheFileOptions } from '../workspace/cache-file.js';
import { type CheckOptions, checkRepository, loadEngine, readRepositoryInputs, type RepositoryCheck } from './check.js';
import { type GapOutput, openGapMemo } from './gap-memo.js';
import { type HistoryCache, openHistoryCache, recordsKey } from './history-cache.js';

export interface GapReport {
  check: RepositoryCheck;
  gaps: GapResult;
  /**
   * Set when --as-of is earlier than HEAD: the commit judged instead of the working tree, the
   * last one made on or before the as-of date (the callers say so on stderr, outside the
   * report, so that the same commit and date give the same bytes however they were reached).
   */
  atCommit?: { commit: string; date: string };
}

/** Validation first (records with errors still count), then every clause and control judged as of `asOf`. */
export interface AnalyseOptions {
  /** Judge as of this date (YYYY-MM-DD). */
  asOf?: string;
  /** With asOf before HEAD's commit date, judge the last commit on or before it (default true; aims diff names its sides itself). */
  pinToAsOf?: boolean;
  /** The date to use when asOf is not given and no --ref is: the caller's today (the library never reads the clock). */
  today: string;
  ref?: string;
  ignoreForDirty?: readonly string[];
  reuse?: ReadonlyMap<string, FileCheck>;
  cache?: CacheFileOptions;
}

export async function analyseRepository(root: string, options: AnalyseOptions): Promise<GapReport> {
  const run = await prepare(root, options);
  return analysePrepared(options, run, await checkRepository(root, run.checkOptions));
}

/**
 * The gap command's run: the report rendered by `render`. With --cache, the output of the last
 * run is printed again when every input is as it was (gap-memo.ts), and nothing is judged.
 */
export async function gapOutput(root: string, options: AnalyseOptions, view: { options: unknown; render: (report: GapReport) => GapOutput }): Promise<{ output: GapOutput; cacheWarning?: string }> {
  const run = await prepare(root, options);
  const inputs = await readRepositoryInputs(root, run.checkOptions);
  // Not with code watched on disk (discover.paths: files outside the snapshot), nor with checks handed in.
  const memo = options.cache && !options.reuse && inputs.loaded.config.discover.paths.length === 0 ? openGapMemo(options.cache, inputs, [options.asOf ?? null, options.today, options.pinToAsOf ?? null, options.ref ?? null, options.ignoreForDirty ?? null, run.ref ?? null, run.atCommit ?? null, view.options]) : undefined;
  const hit = await memo?.lookup();
  if (hit) {
    const saved = run.historyCache?.save();
    const warning = run.historyCache?.warning ?? saved ?? memo?.warning;
    return { output: hit, ...(warning !== undefined ? { cacheWarning: warning } : {}) };
  }
  const report = await analysePrepared(options, run, await checkRepository(root, { ...run.checkOptions, inputs }));
  const output = view.render(report);
  const stored = await memo?.store(report.check.evidence, output);
  const warning = report.check.cacheWarning ?? memo?.warning ?? stored;
  return { output, ...(warning !== undefined ? { cacheWarning: warning } : {}) };
}

interface Prepared {
  ref?: string;
  atCommit?: GapReport['atCommit'];
  historyCache?: HistoryCache;
  checkOptions: CheckOptions;
}

/** The as-of date checked, the commit to judge chosen, the history cache opened: what a run does before reading the repository. */
async function prepare(root: string, options: AnalyseOptions): Promise<Prepared> {
  const problem = options.asOf !== undefined ? asOfProblem(options.asOf) : undefined;
  if (problem) throw new InputError(problem);
  // As of a date before the last commit, the repository is what was committed by then:
  // later commits and uncommitted changes did not exist yet.
  let ref = options.ref;
  let atCommit: GapReport['atCommit'];
  if (options.asOf !== undefined && ref === undefined && options.pinToAsOf !== false) {
    const pinned = await commitAsOf(path.resolve(root), options.asOf);
    if (pinned === 'none') throw new InputError(`nothing was committed on or before ${options.asOf}, so there is nothing to judge as of that date`, 'choose a later --as-of date');
    if (pinned) {
      ref = pinned.commit;
      atCommit = pinned;
    }
  }
  // With --cache, the walk of history and the record histories found on it are kept too (history-cache.ts).
  const historyCache = options.cache ? openHistoryCache(options.cache, loadEngine().version, path.resolve(root)) : undefined;
  const checkOptions: CheckOptions = {
    git: 'history',
    today: options.asOf ?? options.today,
    futureAfter: options.today,
    ...(options.asOf !== undefined ? { historyUntil: options.asOf } : {}),
    ...(ref !== undefined ? { ref } : {}),
    ...(options.ignoreForDirty ? { ignoreForDirty: options.ignoreForDirty } : {}),
    ...(options.reuse ? { reuse: options.reuse } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
    ...(historyCache ? { logCache: historyCache } : {}),
  };
  return { ...(ref !== undefined ? { ref } : {}), ...(atCommit ? { atCommit } : {}), ...(historyCache ? { historyCache } : {}), checkOptions };
}

/** Everything after the check: record histories, code watched on disk, every clause and control judged. */
async function analysePrepared(options: AnalyseOptions, run: Prepared, check: RepositoryCheck): Promise<GapReport> {
  const { ref, atCommit, historyCache } = run;
  const recordHistory = await historyOfRecords(check, options.asOf, historyCache);
  const saved = historyCache?.save();
  const historyWarning = historyCache?.warning ?? saved;
  if (historyWarning !== undefined) check.cacheWarning ??= historyWarning;
  // The code repositories aims.yaml watches are read from disk: only for the working tree.
  // Discover's detectors and readers load only when aims.yaml watches code (discover.paths).
  const discovered = options.ref === undefined && check.config.discover.paths.length > 0 ? await (await import('./discover.js')).discoverWatched(check) : undefined;
  // At a past commit, "as of" defaults to that commit's date: the AIMS as it stood then.
  const asOf = options.asOf ?? (check.snapshot.revision?.ref !== undefined ? check.snapshot.revision.date.slice(0, 10) : options.today);
  const gaps = analyseGaps({
    records: check.records,
    catalogue: check.catalogue,
    config: check.config,
    wording: loadEngine().wording,
    asOf,
    paths: check.snapshot.paths,
    diagnostics: check.diagnostics,
    suppressions: check.suppressions,
    ...(check.snapshot.history ? { history: check.snapshot.history } : {}),
    ...(check.snapshot.historyProblem ? { historyProblem: check.snapshot.historyProblem } : {}),
    ...recordHistory,
    substance: substanceOf(check.snapshot),
    ...(discovered ? { discovered: { ...discovered, aimsRoot: check.root.split(path.sep).join('/') } } : {}),
    commentedControls: check.commentedControls,
  });
  if (discovered) {
    gaps.notes.push(`AI use in code: ${plural(discovered.roots.length, 'folder')} of discover.paths scanned as they are on disk now`, ...discovered.notes);
  } else if (ref !== undefined && check.config.discover.paths.length > 0) {
    gaps.notes.push('discover.paths were not scanned: the code on disk is not as it was at --ref');
  }
  return atCommit ? { check, gaps, atCommit } : { check, gaps };
}

/**
 * Each record's own history from the commits that changed record files: one walk, with every
 * version it needs read through one `git cat-file --batch` process.
 */
async function historyOfRecords(check: RepositoryCheck, until: string | undefined, cache: HistoryCache | undefined): Promise<{ recordHistory?: RecordHistories }> {
  const { log, historyProblem, revision } = check.snapshot;
  if (!log || historyProblem === 'shallow') return {};
  // Followed: the records whose git dates decide a judgement (no `updated` of their own, or an
  // approval to keep). A record with its own `updated` is dated by it; parsing every old version
  // of every record for its document-control row alone would double the cost of aims gap.
  const current = check.records
    .filter((r) => r.id !== undefined && (!isIsoDate(r.updated) || approvalDate(r) !== ''))
    .map((r) => ({ key: recordKey(r.kind, r.id as string), file: r.origin.file }));
  // Everything the answer is worked out from, besides the versions the walk reads (named by their ids).
  const key = cache && revision ? recordsKey([revision.commit, until ?? null, current, HISTORY_LIMITS, check.config.maxFileSize, check.config.records]) : undefined;
  const stored = key !== undefined ? cache?.records(key, log) : undefined;
  if (stored) return { recordHistory: stored };
  // Opened on the first question only: a run that reads no version starts no process.
  let reader: ObjectReader | undefined;
  try {
    const recordHistory = await recordHistories(log, current, async (oids) => {
      reader ??= openObjectReader(check.root, { maxSize: check.config.maxFileSize });
      const objects = await reader.read(oids);
      return new Map([...objects].map(([oid, bytes]) => [oid, bytes?.toString('utf8')]));
    });
    if (key !== undefined) cache?.storeRecords(key, recordHistory);
    return { recordHistory };
  } finally {
    reader?.close();
  }
}

export type { GapOutput } from './gap-memo.js';
// The gap report's renderings, for the gap command and other programs.
export { gapJson } from '../render/gap/gap-json.js';
export { gapMarkdown } from '../render/gap/gap-markdown.js';
export { gapText } from '../render/gap/gap-text.js';
