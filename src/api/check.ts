import path from 'node:path';
import { packageVersion, readCatalogueText, readSchemas, readSchemaTexts, readWording, CATALOGUE_FILE } from '../assets.js';
import { loadCatalogue } from '../validate/load-catalogue.js';
import { prebuiltCatalogue } from './built-data.js';
import { configInput, loadConfig } from '../validate/load-config.js';
import type { AimsConfig } from '../model/config.js';
import type { Catalogue } from '../model/catalogue.js';
import type { Wording } from '../model/wording.js';
import { InputError } from '../model/errors.js';
import type { PathKind, RecordFile, RepoSnapshot } from '../model/snapshot.js';
import { cacheBody, cachedChecks, cacheKey, fileStates, validateCached } from '../validate/cached-checks.js';
import { type CacheFileOptions, readCacheFile, writeCacheFile } from '../workspace/cache-file.js';
import type { SeenFile } from '../model/cache.js';
import { createSchemaRegistry, type SchemaRegistry } from '../validate/schema-registry.js';
import { checkRecordFiles, reuseKey } from './check-files.js';
import { checkRecordFile, type FileCheck, type ParsePath, type ValidationResult } from '../validate/validate.js';
import { pathKind } from '../workspace/file-index.js';
import { type EvidenceProbe, probeEvidencePaths } from '../workspace/probe-evidence.js';
import { addGitFacts, readConfigFile, readSnapshot } from '../workspace/read-snapshot.js';
import { openRef, readConfigAtRef, readSnapshotAtRef, unreadableEvidenceAtRef } from '../workspace/read-snapshot-at-ref.js';
import { type GitFacts, type LogCache, readGitFacts } from '../workspace/git.js';
import { globMatcher } from '../workspace/match-globs.js';
import type { CommentedEntry } from '../model/gap.js';
import { commentedControls } from '../load/commented-controls.js';
import { citedFiles } from '../validate/rules/evidence-paths.js';
import { findBlankBlobs } from '../workspace/blank-files.js';

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
    engine = { schemas, catalogue: prebuiltCatalogue() ?? loadCatalogue(CATALOGUE_FILE, readCatalogueText(), schemas), wording: readWording(), version: packageVersion() };
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
  /** The evidence paths the records cite, and what probing them on disk found (not under --ref): inputs of the gap memo's key. */
  evidence: { cited: readonly string[]; probed?: EvidenceProbe };
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
  /** With git 'history' and `--cache`: the walk of history as stored by an earlier run (see history-cache.ts). */
  logCache?: LogCache;
  /** What readRepositoryInputs read already (with these same options): not read again. */
  inputs?: RepositoryInputs;
}

/**
 * What checkRepository reads before it checks anything: aims.yaml, the snapshot (record files
 * as read, the listed paths) and git's answers, asked but not awaited. `aims gap --cache` keys
 * its memo on these (api/gap-memo.ts) before deciding whether anything needs checking.
 */
export interface RepositoryInputs {
  root: string;
  tree?: Awaited<ReturnType<typeof openRef>>;
  configFile: RepoSnapshot['config'];
  loaded: ReturnType<typeof loadConfig>;
  snapshot: RepoSnapshot;
  facts?: Promise<GitFacts>;
  parse: ParsePath;
}

export async function readRepositoryInputs(root: string, options: CheckOptions = {}): Promise<RepositoryInputs> {
  const absolute = path.resolve(root);
  const kind = await pathKind(absolute);
  if (kind === 'missing') throw new InputError(`no such directory: ${root}`, 'pass the root of the AIMS repository');
  if (kind !== 'dir') throw new InputError(`not a directory: ${root}`, 'pass the root of the AIMS repository');
  const { schemas } = loadEngine();
  const tree = options.ref !== undefined ? await openRef(absolute, options.ref, { history: options.git === 'history', ...(options.historyUntil !== undefined ? { until: options.historyUntil } : {}) }) : undefined;
  const configFile = tree ? await readConfigAtRef(absolute, tree) : await readConfigFile(absolute);
  const parse = options.parse ?? (process.env['AIMS_PARSE'] === 'reference' ? 'reference' : 'fast');
  const loaded = loadConfig(configFile, schemas, parse);
  const snapshotOptions = {
    records: loaded.config.records,
    maxFileSize: loaded.config.maxFileSize,
    config: configFile,
  };
  // Git answers in another process while the records are parsed here, so history costs little.
  const gitMode = options.git ?? 'none';
  const facts = tree || gitMode === 'none' ? undefined : readGitFacts(absolute, { history: gitMode === 'history', keep: globMatcher(loaded.config.records), ignoreForDirty: options.ignoreForDirty ?? [], ...(options.historyUntil !== undefined ? { until: options.historyUntil } : {}), ...(options.logCache ? { logCache: options.logCache } : {}) });
  facts?.catch(() => undefined); // its failure, if any, is reported where it is awaited
  const snapshot = tree ? await readSnapshotAtRef(absolute, tree, snapshotOptions) : await readSnapshot(absolute, snapshotOptions);
  return { root: absolute, ...(tree ? { tree } : {}), configFile, loaded, snapshot, ...(facts ? { facts } : {}), parse };
}

/** The façade for other programs: a repository root → its config, records and diagnostics. */
export async function checkRepository(root: string, options: CheckOptions = {}): Promise<RepositoryCheck> {
  const { root: absolute, tree, loaded, snapshot, facts, parse } = options.inputs ?? (await readRepositoryInputs(root, options));
  const { schemas, catalogue } = loadEngine();
  const cacheKeyText = options.cache ? cacheKey([packageVersion(), ...readSchemaTexts().values(), snapshot.config && 'text' in snapshot.config ? snapshot.config.text : '', parse]) : '';
  const read = options.cache ? readCacheFile(options.cache, cacheKeyText) : {};
  const cache = cachedChecks(read.body, read.store, options.cache ? snapshot.recordFiles : []);
  // With --cache, only the files whose bytes changed since the cached run are checked.
  const fresh = await checkRecordFiles(snapshot.recordFiles.filter((f) => !cache.files.has(f.path)), schemas, options.threads, options.reuse, parse);
  const states = fileStates(snapshot.recordFiles, cache, new Map(fresh.map((c) => [c.path, c])));
  // Each path once: many records cite the same files.
  const cited = new Set(states.flatMap((s) => s.facts.cited));
  // Only the record folders were listed: each cited evidence path is looked at on its own (a git tree knows every path already),
  // and what cannot be read (no permission, a pipe behind a link, over max_evidence_size) is a finding of validate.
  const citedEvidence = [...cited].sort();
  const seen = { known: cache.evidence, seen: new Map<string, SeenFile>(), now: Date.now() };
  const probed = tree ? undefined : probeEvidencePaths(absolute, citedEvidence, loaded.config.maxEvidenceSize, options.cache ? seen : undefined);
  for (const [rel, kind] of probed?.kinds ?? []) {
    if (kind === undefined) (snapshot.paths as Map<string, PathKind>).delete(rel);
    else (snapshot.paths as Map<string, PathKind>).set(rel, kind);
  }
  // Evidence that exists may still show nothing: look inside the cited files only.
  const files = citedFiles(cited, snapshot.paths);
  // Under --ref, committed evidence a pack could not take is known from the sizes git lists (nothing is read).
  if (tree) for (const rel of await unreadableEvidenceAtRef(absolute, tree.entries, files, loaded.config.maxEvidenceSize)) (snapshot.paths as Map<string, PathKind>).set(rel, 'unreadable');
  const readable = files.filter((rel) => snapshot.paths.get(rel) === 'file');
  snapshot.blankFiles = tree ? await findBlankBlobs(absolute, tree.entries, readable) : new Set(readable.filter((rel) => probed?.blank.has(rel) === true));
  const positions = new Map(cache.positions);
  const byPath = new Map(snapshot.recordFiles.map((f) => [f.path, f]));
  const run = validateCached(
    {
      snapshot,
      ...configInput(loaded),
      catalogue,
      schemas,
      ...(options.today !== undefined ? { today: options.today } : {}),
      ...(options.futureAfter !== undefined ? { futureAfter: options.futureAfter } : {}),
      positions,
    },
    states,
    cache,
    (rel) => checkRecordFile(byPath.get(rel) as RecordFile, schemas, parse),
    options.cache !== undefined,
  );
  // Validation does not ask git: its answers are awaited only now, so git works while the records are judged.
  if (facts) addGitFacts(snapshot, await facts);
  let cacheWarning = read.warning;
  if (options.cache) {
    const body = cacheBody(snapshot.recordFiles, run, cache, positions, seen.seen);
    const written = body === undefined ? undefined : writeCacheFile(options.cache, cacheKeyText, body.index, body.store);
    cacheWarning ??= written;
  }
  const { outcomes: _outcomes, ...result } = run.judged;
  const checked: RepositoryCheck = {
    ...result,
    records: [],
    fileChecks: new Map(),
    root: absolute,
    config: loaded.config,
    snapshot,
    catalogue,
    commentedControls: commentedControls(snapshot.recordFiles),
    evidence: { cited: citedEvidence, ...(probed ? { probed } : {}) },
    ...(cacheWarning !== undefined ? { cacheWarning } : {}),
  };
  // The records of files taken from the cache are read back only when a command asks for them (validate never does).
  return Object.defineProperties(checked, {
    records: { enumerable: true, get: once(() => snapshot.recordFiles.flatMap((f) => run.checkOf(f.path).records)) },
    fileChecks: {
      enumerable: true,
      get: once(() => {
        const map = new Map<string, FileCheck>();
        for (const f of snapshot.recordFiles) if ('blob' in f && f.blob) map.set(reuseKey(f.path, f.blob), run.checkOf(f.path));
        return map;
      }),
    },
  });
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

// What the validate command needs besides the façade: the formatters and baselines.
export { formatters, isFormatName } from '../render/formatters/index.js';
export { applyBaseline, createBaseline, parseBaseline } from '../validate/baseline.js';
// The workspace steps, for programs that build or adapt a snapshot themselves.
export { addGitFacts, readConfigFile, readSnapshot } from '../workspace/read-snapshot.js';
export { readGitFacts } from '../workspace/git.js';
// Files the user names on the command line (baselines), read under the same policy as records.
export { readUserFile } from '../workspace/read-file.js';
// Where --cache keeps its file and signing secret (the CLI decides, from its flags).
export type { CacheFileOptions } from '../workspace/cache-file.js';
// Which paths are records: output is never written over one.
export { globMatcher };
