import path from 'node:path';
import { packageVersion, readCatalogueText, readSchemas, readSchemaTexts, readWording, CATALOGUE_FILE } from './assets.js';
import { loadCatalogue } from './load/load-catalogue.js';
import { loadConfig } from './load/load-config.js';
import type { AimsConfig } from './model/config.js';
import type { Catalogue } from './model/catalogue.js';
import type { Wording } from './model/wording.js';
import { InputError } from './model/errors.js';
import type { PathKind, RecordFile, RepoSnapshot } from './model/snapshot.js';
import { cacheBody, cachedChecks, cacheKey } from './validate/cached-checks.js';
import { type CacheFileOptions, readCacheFile, writeCacheFile } from './workspace/cache-file.js';
import type { CommentedEntry, GapResult } from './model/gap.js';
import { analyseGaps } from './analyse/analyse-gaps.js';
import { diffAims, type DiffSide } from './analyse/diff-aims.js';
import type { DiffResult } from './model/diff.js';
import { isIsoDate } from './analyse/dates.js';
import { createSchemaRegistry, type SchemaRegistry } from './validate/schema-registry.js';
import { checkRecordFiles, reuseKey } from './validate/parallel.js';
import { type FileCheck, type ParsePath, validateChecked, type ValidationResult } from './validate/validate.js';
import { pathKind } from './workspace/file-index.js';
import { probeEvidence } from './workspace/probe-evidence.js';
import { addGitFacts, readConfigFile, readSnapshot } from './workspace/read-snapshot.js';
import { openRef, readConfigAtRef, readSnapshotAtRef } from './workspace/read-snapshot-at-ref.js';
import { commitAsOf, type ObjectReader, openObjectReader, readGitFacts } from './workspace/git.js';
import { globMatcher } from './workspace/match-globs.js';
import { recordHistories, type RecordHistories } from './analyse/record-history.js';
import { recordKey } from './load/record-contents.js';
import { approvalDate } from './analyse/document-control.js';
import { citedFiles, substanceOf } from './validate/rules/evidence-paths.js';
import { findBlankBlobs, findBlankFiles } from './workspace/blank-files.js';
import { discoverWatched } from './discover-repository.js';
import { plural } from './model/plural.js';
import { commentedControls } from './load/commented-controls.js';

/** The package's schemas and catalogue, loaded once per process. */
export interface Engine {
  schemas: SchemaRegistry;
  catalogue: Catalogue;
  wording: Wording;
  version: string;
}

let engine: Engine | undefined;
let registry: SchemaRegistry | undefined;

/** The schemas alone, for commands that never judge against the catalogue (aims discover without an AIMS). */
export function loadSchemaRegistry(): SchemaRegistry {
  registry ??= createSchemaRegistry(readSchemas());
  return registry;
}

export function loadEngine(): Engine {
  if (!engine) {
    const schemas = loadSchemaRegistry();
    engine = { schemas, catalogue: loadCatalogue(CATALOGUE_FILE, readCatalogueText(), schemas), wording: readWording(), version: packageVersion() };
  }
  return engine;
}

export interface RepositoryCheck extends ValidationResult {
  /** Why --cache could not be used or written this time (one line); the result is the same without it. */
  cacheWarning?: string;
  /** Each record file's own check, by path and blob id, for reuse by a second run (aims diff). */
  fileChecks: ReadonlyMap<string, FileCheck>;
  root: string;
  config: AimsConfig;
  snapshot: RepoSnapshot;
  catalogue: Catalogue;
  /** Annex A ids whose SoA entry waits commented out in a record file (as `aims init` writes them), and where. */
  commentedControls: ReadonlyMap<string, CommentedEntry>;
}

export interface CheckOptions {
  /** What to ask git: nothing (validate), the revision (reports), or also every file's history (gap). */
  git?: 'none' | 'revision' | 'history';
  /** Read the repository as it was at this commit, tag or branch, from git objects. */
  ref?: string;
  /** Today (YYYY-MM-DD): `x-aims-ignore` suppressions past their `until` date stop applying. */
  today?: string;
  /** The real today (YYYY-MM-DD): dates of facts after it are `date/future` errors. */
  futureAfter?: string;
  /** Leave commits made after this day (YYYY-MM-DD) out of the history: the as-of date. */
  historyUntil?: string;
  /** Paths (relative to the root) whose changes do not count as uncommitted changes. */
  ignoreForDirty?: readonly string[];
  /** Threads for checking record files (default: by repository size and cores). */
  threads?: number;
  /** Checks of files already done elsewhere (see RepositoryCheck.fileChecks), reused where path and bytes match. */
  reuse?: ReadonlyMap<string, FileCheck>;
  /** The parse path (default: fast, or reference when AIMS_PARSE=reference, the escape hatch for bug reports). */
  parse?: ParsePath;
  /** `--cache`: reuse each unchanged record file's check from the last run (see cached-checks.ts). */
  cache?: CacheFileOptions;
}

/** The façade for other programs: a repository root → its config, records and diagnostics. */
export async function checkRepository(root: string, options: CheckOptions = {}): Promise<RepositoryCheck> {
  const absolute = path.resolve(root);
  const kind = await pathKind(absolute);
  if (kind === 'missing') throw new InputError(`no such directory: ${root}`, 'pass the root of the AIMS repository');
  if (kind !== 'dir') throw new InputError(`not a directory: ${root}`, 'pass the root of the AIMS repository');
  const { schemas, catalogue } = loadEngine();
  const tree = options.ref !== undefined ? await openRef(absolute, options.ref, { history: options.git === 'history', ...(options.historyUntil !== undefined ? { until: options.historyUntil } : {}) }) : undefined;
  const configFile = tree ? await readConfigAtRef(absolute, tree) : await readConfigFile(absolute);
  const loaded = loadConfig(configFile, schemas);
  const snapshotOptions = {
    records: loaded.config.records,
    maxFileSize: loaded.config.maxFileSize,
    config: configFile,
  };
  // Git answers in another process while the records are parsed here, so history costs little.
  const gitMode = options.git ?? 'none';
  const facts = tree || gitMode === 'none' ? undefined : readGitFacts(absolute, { history: gitMode === 'history', keep: globMatcher(loaded.config.records), ignoreForDirty: options.ignoreForDirty ?? [], ...(options.historyUntil !== undefined ? { until: options.historyUntil } : {}) });
  const snapshot = tree ? await readSnapshotAtRef(absolute, tree, snapshotOptions) : await readSnapshot(absolute, snapshotOptions);
  const parse = options.parse ?? (process.env['AIMS_PARSE'] === 'reference' ? 'reference' : 'fast');
  const check = (files: readonly RecordFile[]) => checkRecordFiles(files, schemas, options.threads, options.reuse, parse);
  const cacheKeyText = options.cache ? cacheKey([packageVersion(), ...readSchemaTexts().values(), snapshot.config && 'text' in snapshot.config ? snapshot.config.text : '', parse]) : '';
  const read = options.cache ? readCacheFile(options.cache, cacheKeyText) : {};
  const cached = options.cache ? cachedChecks(read.body, snapshot.recordFiles) : undefined;
  // With --cache, only the files whose bytes changed since the cached run are checked.
  const checks = cached ? await checkUncached(snapshot.recordFiles, cached.hits, check) : await check(snapshot.recordFiles);
  const positions = cached ? new Map(cached.positions) : undefined;
  // Evidence that exists may still show nothing: look inside the cited files only.
  const cited = citedFiles(checks.flatMap((c) => c.raw), snapshot.paths);
  // Cited files that could not be read (no permission, a pipe behind a link, over max_evidence_size) are findings of validate.
  if (!tree) for (const rel of probeEvidence(absolute, cited, loaded.config.maxEvidenceSize)) (snapshot.paths as Map<string, PathKind>).set(rel, 'unreadable');
  const readable = cited.filter((rel) => snapshot.paths.get(rel) === 'file');
  snapshot.blankFiles = tree ? await findBlankBlobs(absolute, tree.entries, readable) : await findBlankFiles(absolute, readable);
  if (facts) addGitFacts(snapshot, await facts);
  const fileChecks = new Map<string, FileCheck>();
  snapshot.recordFiles.forEach((f, i) => {
    if ('blob' in f && f.blob) fileChecks.set(reuseKey(f.path, f.blob), checks[i] as FileCheck);
  });
  const result = validateChecked(
    {
      snapshot,
      config: loaded.config,
      configDiagnostics: loaded.diagnostics,
      ...(loaded.parsed ? { configFile: loaded.parsed } : {}),
      catalogue,
      schemas,
      ...(options.today !== undefined ? { today: options.today } : {}),
      ...(options.futureAfter !== undefined ? { futureAfter: options.futureAfter } : {}),
      ...(positions ? { positions } : {}),
    },
    checks,
  );
  let cacheWarning = read.warning;
  if (options.cache && cached && positions) {
    const body = cacheBody(snapshot.recordFiles, checks, cached, positions);
    const written = body === undefined ? undefined : writeCacheFile(options.cache, cacheKeyText, body);
    cacheWarning ??= written;
  }
  return { ...result, root: absolute, config: loaded.config, snapshot, catalogue, fileChecks, commentedControls: commentedControls(snapshot.recordFiles), ...(cacheWarning !== undefined ? { cacheWarning } : {}) };
}

/** The files without a cached check are checked; the result in the files' order. */
async function checkUncached(files: readonly RecordFile[], hits: ReadonlyMap<string, FileCheck>, check: (files: readonly RecordFile[]) => Promise<FileCheck[]>): Promise<FileCheck[]> {
  const fresh = await check(files.filter((f) => !hits.has(f.path)));
  const byPath = new Map(fresh.map((c) => [c.path, c]));
  return files.map((f) => hits.get(f.path) ?? (byPath.get(f.path) as FileCheck));
}

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
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
    throw new InputError(/^\d{4}-\d{2}-\d{2}$/.test(options.asOf) ? `--as-of ${options.asOf} is not a real calendar date` : `--as-of must be a date written YYYY-MM-DD, not "${options.asOf}"`);
  }
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
  const check = await checkRepository(root, {
    git: 'history',
    today: options.asOf ?? options.today,
    futureAfter: options.today,
    ...(options.asOf !== undefined ? { historyUntil: options.asOf } : {}),
    ...(ref !== undefined ? { ref } : {}),
    ...(options.ignoreForDirty ? { ignoreForDirty: options.ignoreForDirty } : {}),
    ...(options.reuse ? { reuse: options.reuse } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  });
  // The code repositories aims.yaml watches are read from disk: only for the working tree.
  const discovered = options.ref === undefined ? await discoverWatched(check) : undefined;
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
    ...(await historyOfRecords(check)),
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

/** What changed in the AIMS between two revisions, or a revision and the working tree; with the later side's validation errors. */
export async function diffRepository(root: string, options: { from: string; to?: string; today: string; asOf?: string }): Promise<DiffResult & { errors: number }> {
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

/**
 * Each record's own history from the commits that changed record files: one walk, with every
 * version it needs read through one `git cat-file --batch` process.
 */
async function historyOfRecords(check: RepositoryCheck): Promise<{ recordHistory?: RecordHistories }> {
  const { log, historyProblem } = check.snapshot;
  if (!log || historyProblem === 'shallow') return {};
  // Followed: the records whose git dates decide a judgement (no `updated` of their own, or an
  // approval to keep). A record with its own `updated` is dated by it; parsing every old version
  // of every record for its document-control row alone would double the cost of aims gap.
  const current = check.records
    .filter((r) => r.id !== undefined && (!isIsoDate(r.updated) || approvalDate(r) !== ''))
    .map((r) => ({ key: recordKey(r.kind, r.id as string), file: r.origin.file }));
  // Opened on the first question only: a run that reads no version starts no process.
  let reader: ObjectReader | undefined;
  try {
    const recordHistory = await recordHistories(log, current, async (oids) => {
      reader ??= openObjectReader(check.root, { maxSize: check.config.maxFileSize });
      const objects = await reader.read(oids);
      return new Map([...objects].map(([oid, bytes]) => [oid, bytes?.toString('utf8')]));
    });
    return { recordHistory };
  } finally {
    reader?.close();
  }
}
