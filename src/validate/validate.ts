import { type AimsConfig, DEFAULT_CONFIG } from '../model/config.js';
import type { Catalogue } from '../model/catalogue.js';
import { compareDiagnostics, countDiagnostics, type Diagnostic, type LocatedDiagnostic } from '../model/diagnostic.js';
import type { AimsRecord } from '../model/record.js';
import type { RepoSnapshot } from '../model/snapshot.js';
import { loadRecordFile } from '../load/load-records.js';
import { locate } from '../load/locate.js';
import type { ParsedFile } from '../load/parse-yaml.js';
import type { RawRecord } from './raw-record.js';
import { RULE_CHECKS } from './rules/index.js';
import { pruneInvalid } from './prune.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import { applySuppressions } from './suppressions.js';
import type { Suppression } from '../model/suppression.js';
import type { SchemaRegistry } from './schema-registry.js';

export interface ValidateInput {
  snapshot: RepoSnapshot;
  config: AimsConfig;
  /** Problems already found in aims.yaml, and its parse, to locate them. */
  configDiagnostics?: readonly Diagnostic[];
  configFile?: ParsedFile;
  catalogue: Catalogue;
  schemas: SchemaRegistry;
  /** Today (YYYY-MM-DD), to expire `x-aims-ignore` suppressions; without it none expire. */
  today?: string;
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

/** Records → diagnostics: YAML, schema per kind, then the cross-record rules; located and sorted. */
export function validate(input: ValidateInput): ValidationResult {
  const { snapshot, config, catalogue, schemas } = input;
  const parsedFiles = new Map<string, ParsedFile>();
  if (input.configFile) parsedFiles.set(input.configFile.path, input.configFile);
  const diagnostics: Diagnostic[] = [...(input.configDiagnostics ?? [])];
  const raw: RawRecord[] = [];
  const records: AimsRecord[] = [];

  for (const file of snapshot.recordFiles) {
    const loaded = loadRecordFile(file);
    if (loaded.parsed) parsedFiles.set(loaded.path, loaded.parsed);
    diagnostics.push(...loaded.diagnostics);
    for (const doc of loaded.documents) {
      const id = typeof doc.data['id'] === 'string' ? doc.data['id'] : undefined;
      raw.push(id === undefined ? { kind: doc.kind, origin: doc.origin, data: doc.data } : { kind: doc.kind, id, origin: doc.origin, data: doc.data });
      const issues = doc.broken ? [] : schemas.validate(doc.kind, doc.data);
      diagnostics.push(...schemaDiagnostics(issues, doc.origin, `\`${doc.kind}\``));
      records.push({ ...pruneInvalid(doc.data, issues), kind: doc.kind, origin: doc.origin } as AimsRecord);
    }
  }

  const byId = new Map<string, RawRecord[]>();
  for (const r of raw) {
    if (r.id === undefined) continue;
    const list = byId.get(r.id);
    if (list) list.push(r);
    else byId.set(r.id, [r]);
  }
  const context = { records: raw, byId, config, catalogue, paths: snapshot.paths };
  for (const rule of RULE_CHECKS) diagnostics.push(...rule(context));

  if (records.length === 0) diagnostics.push(noRecords(snapshot, config, input.configFile));

  const { kept, suppressed, suppressions, problems } = applySuppressions(raw, diagnostics, input.today);
  const located = locateAll([...kept, ...problems], parsedFiles);
  const counts = countDiagnostics(located);
  return {
    diagnostics: located,
    suppressed: locateAll(suppressed, parsedFiles),
    suppressions,
    records,
    summary: { files: snapshot.recordFiles.length, records: records.length, ...counts },
  };
}

function noRecords(snapshot: RepoSnapshot, config: AimsConfig, configFile: ParsedFile | undefined): Diagnostic {
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
      ? { file: configFile.path, document: configFile.documents.find((d) => !d.empty)?.index ?? 0, pointer: '/records', target: 'key' }
      : { file: '.', position: { line: 1, column: 1 } },
    hint: 'run aims in the repository root, or set `records` in aims.yaml',
  };
}

/** Resolves every structural location to a position, folds related places into the message, sorts and deduplicates. */
function locateAll(diagnostics: readonly Diagnostic[], files: ReadonlyMap<string, ParsedFile>): LocatedDiagnostic[] {
  const position = (location: Diagnostic['location']) => {
    const file = files.get(location.file);
    return location.position ?? (file ? locate(file, location) : { line: 1, column: 1 });
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
