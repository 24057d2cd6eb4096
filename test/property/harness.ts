/**
 * Shared by the property-based tests (fast-check): the loader and validator run in memory on
 * arbitrary inputs, exactly as checkRepository runs them on files read from disk, and every
 * run must end in well-formed diagnostics.
 *
 * Runs per property are kept small so `npm test` stays fast; to search harder locally:
 *   FC_NUM_RUNS=5000 npx vitest run test/property
 * A failure prints its seed and path; replay it with FC_SEED=<seed> (and fast-check's path).
 */
import type fc from 'fast-check';
import { expect } from 'vitest';
import { configInput, loadConfig } from '../../src/validate/load-config.js';
import { RULES } from '../../src/model/codes.js';
import { CONFIG_FILE } from '../../src/model/config.js';
import type { LocatedDiagnostic } from '../../src/model/diagnostic.js';
import type { PathKind, RecordFile, RepoSnapshot } from '../../src/model/snapshot.js';
import { cacheBody, cachedChecks, type CacheHits, fileStates, validateCached } from '../../src/validate/cached-checks.js';
import { checkRecordFile, type FileCheck, type ParsePath, type ValidationResult } from '../../src/validate/validate.js';
import { decodeText } from '../../src/workspace/decode-text.js';
import { catalogue, schemas } from '../helpers/engine.js';

export const TODAY = '2026-11-26';

/**
 * fast-check options: `runs` per property unless FC_NUM_RUNS says otherwise; FC_SEED replays a
 * failure. In CI the seed is fixed, so a landing is judged on the same inputs every time;
 * local runs explore new inputs on each run.
 */
export function runs(numRuns: number): fc.Parameters<unknown> {
  const env = process.env;
  const parameters: fc.Parameters<unknown> = {
    numRuns: env['FC_NUM_RUNS'] ? Number(env['FC_NUM_RUNS']) : numRuns,
  };
  if (env['FC_SEED']) parameters.seed = Number(env['FC_SEED']);
  else if (env['CI']) parameters.seed = 20261126;
  if (env['FC_PATH']) parameters.path = env['FC_PATH'];
  return parameters;
}

/** A file's content as the tests hand it over: bytes, or text (encoded as UTF-8, so NUL and lone surrogates still reach the decoder). */
export type Content = Uint8Array | string;

export function bytesOf(content: Content): Uint8Array {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

/** The text read from `bytes` the way the workspace reads files: refused when binary or not UTF-8. */
export function toRecordFile(path: string, content: Content): RecordFile {
  const decoded = decodeText(bytesOf(content));
  return 'text' in decoded ? { path, text: decoded.text } : { path, unreadable: decoded.problem };
}

export interface InMemoryOptions {
  /** aims.yaml, when there is one. */
  config?: Content;
  /** Further repository paths (evidence files, folders) besides the record files. */
  paths?: ReadonlyMap<string, PathKind>;
  /** The parse path (default: fast, as the CLI runs). */
  parse?: ParsePath;
  /**
   * Per-file checks kept from earlier runs, by path and text, as `aims diff` reuses them: for
   * properties that change one file of many. Never for a property about repeated runs.
   */
  reuse?: Map<string, FileCheck>;
  /**
   * `--cache`, warm: a run over these files (fast path, no cache) writes the cache body, and
   * this run takes every file with the same path and text from it, through its bytes, as
   * checkRepository does.
   */
  cachedFrom?: ReadonlyMap<string, Content>;
}

function checkFile(file: RecordFile, parse: ParsePath | undefined, reuse: Map<string, FileCheck> | undefined): FileCheck {
  if (!reuse || !('text' in file)) return checkRecordFile(file, schemas, parse);
  const key = `${parse ?? ''}\u0000${file.path}\u0000${file.text}`;
  let check = reuse.get(key);
  if (!check) reuse.set(key, (check = checkRecordFile(file, schemas, parse)));
  return check;
}

/** checkRepository without the disk: config, then every file as a record file, then validate (with --cache, through the same steps). */
export function checkInMemory(files: ReadonlyMap<string, Content>, options: InMemoryOptions = {}): ValidationResult {
  if (!options.cachedFrom) return runInMemory(files, options).result;
  const { cachedFrom: earlier, ...rest } = options;
  let body = COLD_BODIES.get(earlier);
  if (!body) {
    const cold = runInMemory(earlier, { ...rest, parse: 'fast' }, cachedChecks(undefined, undefined, []));
    const written = cacheBody(cold.recordFiles, cold.run, cold.cache, cold.positions);
    COLD_BODIES.set(earlier, (body = { index: Buffer.concat(written?.index ?? []), store: Buffer.concat(written?.store ?? []) }));
  }
  return runInMemory(files, rest, cachedChecks(body.index, body.store, [...files].map(([path, content]) => toRecordFile(path, content)))).result;
}

/** The cache body a cold run wrote, by the files it ran over (one for examples/acme, however many properties start from it; the options are the same throughout). */
const COLD_BODIES = new WeakMap<ReadonlyMap<string, Content>, { index: Buffer; store: Buffer }>();

function runInMemory(files: ReadonlyMap<string, Content>, options: InMemoryOptions, cache: CacheHits = cachedChecks(undefined, undefined, [])) {
  const recordFiles = [...files].map(([path, content]) => toRecordFile(path, content));
  const paths = new Map<string, PathKind>(options.paths ?? []);
  for (const path of files.keys()) paths.set(path, 'file');
  const snapshot: RepoSnapshot = { recordFiles, paths };
  let config: RepoSnapshot['config'];
  if (options.config !== undefined) {
    const file = toRecordFile(CONFIG_FILE, options.config);
    config = 'text' in file ? { path: CONFIG_FILE, text: file.text } : { path: CONFIG_FILE, unreadable: file.unreadable };
    snapshot.config = config;
    paths.set(CONFIG_FILE, 'file');
  }
  const loaded = loadConfig(config, schemas, options.parse);
  const fresh = new Map(recordFiles.filter((file) => !cache.files.has(file.path)).map((file) => [file.path, checkFile(file, options.parse, options.reuse)]));
  const positions = new Map(cache.positions);
  const byPath = new Map(recordFiles.map((f) => [f.path, f]));
  const run = validateCached(
    {
      snapshot,
      ...configInput(loaded),
      catalogue,
      schemas,
      today: TODAY,
      ...(options.parse ? { parse: options.parse } : {}),
      positions,
    },
    fileStates(recordFiles, cache, fresh),
    cache,
    (path) => checkFile(byPath.get(path) as RecordFile, options.parse, options.reuse),
  );
  const { outcomes: _outcomes, ...judged } = run.judged;
  const result: ValidationResult = { ...judged, records: recordFiles.flatMap((f) => run.checkOf(f.path).records) };
  return { result, recordFiles, run, cache, positions };
}

const RULE_IDS: ReadonlySet<string> = new Set(Object.keys(RULES));

/** The lines of a file as an editor shows them (invalid UTF-8 replaced), for position bounds. */
function linesOf(content: Content): string[] {
  return Buffer.from(bytesOf(content)).toString('utf8').split('\n');
}

/**
 * Every diagnostic is well-formed: a known rule, a severity, a message, a file that is one of
 * the inputs (or "." for the repository), and a 1-based position inside that file: line at
 * most the number of lines + 1, column at least 1 and at most the line's length + 1.
 */
export function expectWellFormed(diagnostics: readonly LocatedDiagnostic[], files: ReadonlyMap<string, Content>): void {
  const lines = new Map<string, string[]>();
  for (const d of diagnostics) {
    const where = `${d.rule} at ${d.location.file}:${d.location.position.line}:${d.location.position.column} (${d.message})`;
    expect(RULE_IDS.has(d.rule), `unknown rule: ${where}`).toBe(true);
    expect(['error', 'warning'], where).toContain(d.severity);
    expect(typeof d.message === 'string' && d.message.length > 0, `empty message: ${where}`).toBe(true);
    const { line, column } = d.location.position;
    expect(Number.isInteger(line) && line >= 1, `line: ${where}`).toBe(true);
    expect(Number.isInteger(column) && column >= 1, `column: ${where}`).toBe(true);
    if (d.location.file === '.') {
      expect({ line, column }, where).toEqual({ line: 1, column: 1 });
      continue;
    }
    const content = files.get(d.location.file);
    expect(content, `diagnostic for a file that is not an input: ${where}`).toBeDefined();
    if (content === undefined) continue;
    let text = lines.get(d.location.file);
    if (!text) {
      text = linesOf(content);
      lines.set(d.location.file, text);
    }
    expect(line, `line past the end of the file (${text.length} lines): ${where}`).toBeLessThanOrEqual(text.length + 1);
    const lineText = text[line - 1];
    if (lineText !== undefined) expect(column, `column past the end of line ${line} (${lineText.length} characters): ${where}`).toBeLessThanOrEqual(lineText.length + 1);
  }
}

/** The result's summary agrees with its diagnostics. */
export function expectConsistent(result: ValidationResult): void {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  expect(result.summary.errors).toBe(errors);
  expect(result.summary.warnings).toBe(result.diagnostics.length - errors);
  expect(result.summary.records).toBe(result.records.length);
}

/** Matches a stack frame in output ("    at fn (file.js:1:2)"): a crash that escaped the CLI's handler. */
export const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
