import { type AimsConfig, DEFAULT_CONFIG } from '../model/config.js';
import type { Catalogue } from '../model/catalogue.js';
import { compareDiagnostics, countDiagnostics, type Diagnostic, type LocatedDiagnostic, type Location, type Position } from '../model/diagnostic.js';
import type { AimsRecord } from '../model/record.js';
import type { RecordFile, RepoSnapshot, StrayFile } from '../model/snapshot.js';
import { type LoadedFile, loadRecordFile, loadRecordFileFast } from '../load/load-records.js';
import { locate } from '../load/locate.js';
import { locateInLines } from '../load/locate-lines.js';
import { documentSlices, type ParsePath } from '../load/fast-route.js';
import { type ParsedFile, parseDocumentsAlone, parseYamlStream } from '../load/parse-yaml.js';
import type { RawRecord, RecordRef, RoleRef } from './raw-record.js';
import { type FileFacts, factsOf, refsOf, rolesOf } from './file-facts.js';
import { RULE_CHECKS } from './rules/index.js';
import { substanceOf } from './rules/evidence-paths.js';
import { pruneInvalid } from './prune.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { applySuppressions } from './suppressions.js';
import type { Suppression } from '../model/suppression.js';
import type { SchemaRegistry } from './schema-registry.js';
import type { LazyParsed } from './load-config.js';

export interface ValidateInput {
  snapshot: RepoSnapshot;
  config: AimsConfig;
  /** Problems already found in aims.yaml, and its parse (made on first use), to locate them. */
  configDiagnostics?: readonly Diagnostic[];
  configFile?: LazyParsed;
  catalogue: Catalogue;
  schemas: SchemaRegistry;
  /** Today (YYYY-MM-DD), to expire `x-aims-ignore` suppressions; without it none expire. */
  today?: string;
  /** The real today (YYYY-MM-DD), even when judging as of another date: a fact dated later is an error. */
  futureAfter?: string;
  /** The parse path (default fast; the result is the same by design, see checkRecordFile). */
  parse?: ParsePath;
  /**
   * Positions of structural locations already known (from --cache, for files whose bytes did
   * not change), by positionKey; the positions resolved here are added to it.
   */
  positions?: Map<string, Position>;
}

/** A structural location (file, document, pointer, key or value) as a key of ValidateInput.positions. */
export function positionKey(location: Location): string {
  return [location.file, location.document ?? 0, location.pointer ?? '', location.target ?? 'value'].join('\u0000');
}

export interface ValidationSummary {
  files: number;
  records: number;
  errors: number;
  warnings: number;
}

export interface ValidationResult {
  diagnostics: LocatedDiagnostic[];
  /** Diagnostics silenced by an `x-aims-ignore` entry: reported apart, never dropped. */
  suppressed: LocatedDiagnostic[];
  suppressions: Suppression[];
  /** Every record with a known kind, invalid values pruned: records with errors still count. */
  records: AimsRecord[];
  summary: ValidationSummary;
}

/** One record file checked on its own: parsed, every document against its kind's schema. */
export interface FileCheck {
  path: string;
  raw: RawRecord[];
  records: AimsRecord[];
  /** With positions already resolved, while the parse is at hand; the parse itself is then dropped. */
  diagnostics: Diagnostic[];
  /** Which parser's result this is (fast-route.ts): for the benchmark's counts, never for output. */
  parser: ParsePath;
}

export type { ParsePath } from '../load/fast-route.js';

/**
 * The per-file half of validation. Independent of every other file, so it can run on several
 * threads (see parallel.ts); the parse tree is not kept, which keeps memory flat as
 * repositories grow.
 */
export function checkRecordFile(file: RecordFile, schemas: SchemaRegistry, parse: ParsePath = 'fast'): FileCheck {
  if (parse === 'fast') {
    const quick = loadRecordFileFast(file);
    // Clean files only: anything to report is reported from the reference parse, with its positions and messages.
    if (quick) {
      const check = checkLoaded(quick, schemas, 'fast');
      if (check.diagnostics.length === 0) return check;
    }
  }
  return checkLoaded(loadRecordFile(file), schemas, 'reference');
}

function checkLoaded(loaded: LoadedFile, schemas: SchemaRegistry, parser: ParsePath): FileCheck {
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const raw: RawRecord[] = [];
  const records: AimsRecord[] = [];
  for (const doc of loaded.documents) {
    const id = typeof doc.data['id'] === 'string' ? doc.data['id'] : undefined;
    raw.push({ kind: doc.kind, ...(id === undefined ? {} : { id }), origin: doc.origin, data: doc.data, ...(doc.broken ? { broken: true } : {}) });
    // A broken document's data is partial: its schema errors would only echo the syntax error,
    // so they are not reported, but its invalid values are pruned all the same.
    const issues = schemas.validate(doc.kind, doc.data);
    if (!doc.broken) diagnostics.push(...schemaDiagnostics(issues, doc.origin, `\`${doc.kind}\``));
    records.push({ ...pruneInvalid(doc.data, issues), kind: doc.kind, origin: doc.origin });
  }
  const parsed = loaded.parsed;
  if (parsed) {
    for (const d of diagnostics) if (!d.location.position) d.location.position = locate(parsed, d.location);
  }
  return { path: loaded.path, raw, records, diagnostics, parser };
}

/** Records → diagnostics: YAML, schema per kind, then the cross-record rules; located and sorted. */
export function validate(input: ValidateInput): ValidationResult {
  return validateChecked(input, input.snapshot.recordFiles.map((file) => checkRecordFile(file, input.schemas, input.parse)));
}

/** The cross-record half: ids, references, scales, evidence and suppressions over every file's check. */
export function validateChecked(input: ValidateInput, checks: readonly FileCheck[]): ValidationResult {
  const texts = textsOf(input.snapshot);
  const judged = validateFiles(
    input,
    checks.map((check) => ({ path: check.path, parser: check.parser, facts: factsOf(check.raw, texts.get(check.path)), check })),
  );
  const { outcomes: _outcomes, ...result } = judged;
  return { ...result, records: checks.flatMap((c) => c.records) };
}

/**
 * What one record file contributes to a run once the cross-record rules and suppressions have
 * run: its diagnostics (not yet located), those suppressed, and the suppressions it declares.
 * It stays true while the file and the world it was judged in (file-facts.ts) are unchanged.
 */
export interface FileOutcome {
  diagnostics: Diagnostic[];
  suppressed: Diagnostic[];
  suppressions: Suppression[];
}

/** One record file for the cross-record half: what others know of it, and either its check (to judge now) or its outcome from an earlier run in the same world. */
export interface FileState {
  path: string;
  parser: ParsePath;
  facts: FileFacts;
  check?: FileCheck;
  outcome?: FileOutcome;
}

export interface JudgedFiles extends Omit<ValidationResult, 'records'> {
  /** The outcome of each file judged this time (not of those reused), by path. */
  outcomes: Map<string, FileOutcome>;
}

/**
 * The cross-record rules over the files given a check, with what the facts of every file say of
 * the others; files given an outcome instead are taken as they were. The findings of aims.yaml
 * and of the repository itself (no records, strays) are never in a record file (aims.yaml is
 * never one), so no record file's suppressions apply to them.
 */
export function validateFiles(input: ValidateInput, files: readonly FileState[]): JudgedFiles {
  const { snapshot, config, catalogue } = input;
  const all: RecordRef[] = [];
  const roles: RoleRef[] = [];
  for (const f of files) {
    all.push(...refsOf(f.path, f.facts));
    roles.push(...rolesOf(f.facts));
  }
  const byId = new Map<string, RecordRef[]>();
  for (const r of all) {
    if (r.id === undefined) continue;
    const list = byId.get(r.id);
    if (list) list.push(r);
    else byId.set(r.id, [r]);
  }
  const judged = files.filter((f): f is FileState & { check: FileCheck } => f.outcome === undefined && f.check !== undefined);
  const reusing = judged.length < files.length;
  const judgedPaths = new Set(judged.map((f) => f.path));
  const raw = judged.flatMap((f) => f.check.raw);

  const diagnostics: Diagnostic[] = [...(input.configDiagnostics ?? [])];
  for (const f of judged) diagnostics.push(...f.check.diagnostics);
  const context = { records: raw, all, byId, roles, config, catalogue, paths: snapshot.paths, substance: substanceOf(snapshot), waitingEntry: commentedEntries(files), ...(input.futureAfter !== undefined ? { today: input.futureAfter } : {}) };
  for (const rule of RULE_CHECKS) {
    // A rule may also speak of a record it was not asked to judge (the other copy of a duplicate id): that file's outcome says it already.
    for (const d of rule(context)) if (!reusing || judgedPaths.has(d.location.file)) diagnostics.push(d);
  }
  const repository: Diagnostic[] = [];
  if (all.length === 0) repository.push(noRecords(snapshot, config, input.configFile));
  for (const stray of snapshot.strays ?? []) repository.push(strayDiagnostic(stray, config));
  diagnostics.push(...repository);

  const { kept, suppressed, suppressions, problems } = applySuppressions(raw, diagnostics, input.today);
  const outcomes = new Map<string, FileOutcome>();
  const outcomeOf = (file: string): FileOutcome | undefined => {
    if (!judgedPaths.has(file)) return undefined;
    let outcome = outcomes.get(file);
    if (!outcome) outcomes.set(file, (outcome = { diagnostics: [], suppressed: [], suppressions: [] }));
    return outcome;
  };
  for (const f of judged) outcomeOf(f.path);
  const global: Diagnostic[] = [];
  for (const d of [...kept, ...problems]) (outcomeOf(d.location.file)?.diagnostics ?? global).push(d);
  for (const d of suppressed) (outcomeOf(d.location.file) as FileOutcome).suppressed.push(d);
  for (const s of suppressions) (outcomeOf(s.file) as FileOutcome).suppressions.push(s);

  const every = files.map((f) => f.outcome ?? (outcomes.get(f.path) as FileOutcome));
  const positions = input.positions ?? new Map<string, Position>();
  const find = locator(snapshot, input.configFile, new Set(files.filter((f) => f.parser === 'fast').map((f) => f.path)));
  const located = locateAll([...global, ...every.flatMap((o) => o.diagnostics)], find, positions);
  return {
    diagnostics: located,
    suppressed: locateAll(every.flatMap((o) => o.suppressed), find, positions),
    suppressions: every.flatMap((o) => o.suppressions),
    summary: { files: snapshot.recordFiles.length, records: all.length, ...countDiagnostics(located) },
    outcomes,
  };
}

function textsOf(snapshot: RepoSnapshot): Map<string, string> {
  const texts = new Map<string, string>();
  for (const f of snapshot.recordFiles) if ('text' in f) texts.set(f.path, f.text);
  return texts;
}

/** Where each Annex A control's entry waits commented out: id → the first file holding one. */
function commentedEntries(files: readonly FileState[]): (id: string) => string | undefined {
  let found: Map<string, string> | undefined;
  return (id) => {
    if (!found) {
      found = new Map();
      for (const f of files) for (const c of f.facts.commented) if (!found.has(c)) found.set(c, f.path);
    }
    return found.get(id);
  };
}

function strayDiagnostic(stray: StrayFile, config: AimsConfig): Diagnostic {
  const globs = config.records.join(', ');
  if (stray.reason === 'extension') {
    const ext = stray.path.slice(stray.path.lastIndexOf('.'));
    const name = stray.path.slice(stray.path.lastIndexOf('/') + 1, -ext.length);
    return {
      rule: 'file/ignored',
      severity: 'warning',
      message: `this file is not read: the record globs (${globs}) match \`${ext.toLowerCase()}\` in lower case, not \`${ext}\``,
      location: { file: stray.path, position: { line: 1, column: 1 } },
      hint: `rename it to ${name}${ext.toLowerCase()}`,
    };
  }
  return {
    rule: 'file/ignored',
    severity: 'warning',
    message: `this file declares \`kind: ${stray.kind ?? ''}\` but is outside the record globs (${globs}), so it is not read`,
    location: { file: stray.path, position: { line: stray.line ?? 1, column: 1 } },
    hint: 'move it into a folder the globs match (such as aims/), or add its folder to `records` in aims.yaml',
  };
}

function noRecords(snapshot: RepoSnapshot, config: AimsConfig, configFile: LazyParsed | undefined): Diagnostic {
  // aims.yaml may exist without `records` (or with a broken one): then the defaults were used.
  const custom = configFile !== undefined && config.records !== DEFAULT_CONFIG.records;
  const globs = `${custom ? 'the `records` globs in aims.yaml' : 'the default `records` globs'} (${config.records.join(', ')})`;
  const matched = snapshot.recordFiles.length;
  return {
    rule: 'records/none',
    severity: 'error',
    message:
      matched === 0
        ? `no AIMS record found: ${globs} match no file`
        : `no AIMS record found: ${matched} file(s) match ${globs}, but none holds a valid record`,
    location: custom
      ? { file: configFile.path, document: configFile.get().documents.find((d) => !d.empty)?.index ?? 0, pointer: '/records', target: 'key' }
      : { file: '.', position: { line: 1, column: 1 } },
    hint: 'run aims in the repository root, or set `records` in aims.yaml',
  };
}

/**
 * Where cross-record diagnostics point, resolved on demand per file. A document the fast path
 * read cleanly is first read by its lines (locate-lines.ts); only what that cannot answer with
 * certainty is parsed again by `yaml`, one document alone. Other files are parsed whole, once.
 * Parsing again from the snapshot's text is cheaper than keeping every file's tree in memory.
 */
function locator(snapshot: RepoSnapshot, configFile: LazyParsed | undefined, fast: ReadonlySet<string>): (location: Location) => Position {
  const texts = textsOf(snapshot);
  const whole = new Map<string, ParsedFile>();
  const slices = new Map<string, { start: number; end: number }[]>();
  const alone = new Map<string, ParsedFile>();
  return (location) => {
    const file = location.file;
    const text = texts.get(file);
    if (file === configFile?.path) return locate(configFile.get(), location);
    const parsed = whole.get(file);
    if (parsed) return locate(parsed, location);
    if (text === undefined) return { line: 1, column: 1 };
    if (!fast.has(file)) {
      const stream = parseYamlStream(file, text);
      whole.set(file, stream);
      return locate(stream, location);
    }
    let documents = slices.get(file);
    if (!documents) slices.set(file, (documents = documentSlices(text)));
    const index = location.document ?? 0;
    const slice = documents[index];
    if (!slice) return { line: 1, column: 1 };
    const found = locateInLines(text, slice, location);
    if (found) return found;
    const key = `${file}\u0000${index}`;
    let doc = alone.get(key);
    if (!doc) alone.set(key, (doc = parseDocumentsAlone(file, text, new Map([[index, slice]]))));
    return locate(doc, location);
  };
}

/** Resolves every structural location to a position, folds related places into the message, sorts and deduplicates. */
function locateAll(diagnostics: readonly Diagnostic[], find: (location: Location) => Position, known: Map<string, Position>): LocatedDiagnostic[] {
  const position = (location: Diagnostic['location']): Position => {
    if (location.position) return location.position;
    const key = positionKey(location);
    const stored = known.get(key);
    if (stored) return stored;
    const found = find(location);
    known.set(key, found);
    return found;
  };
  const out: LocatedDiagnostic[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const pos = position(d.location);
    let message = d.message;
    if (d.related) {
      const r = position(d.related.location);
      message += ` (${d.related.label} ${d.related.location.file}:${r.line}:${r.column})`;
    }
    const key = `${d.location.file}|${pos.line}|${pos.column}|${d.rule}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { related: _related, ...rest } = d;
    out.push({ ...rest, message, location: { ...d.location, position: pos } });
  }
  return out.sort(compareDiagnostics);
}
