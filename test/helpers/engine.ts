import { CATALOGUE_FILE, readCatalogueText, readSchemas } from '../../src/assets.js';
import { loadCatalogue } from '../../src/validate/load-catalogue.js';
import { type AimsConfig, DEFAULT_CONFIG } from '../../src/model/config.js';
import type { LocatedDiagnostic, Position } from '../../src/model/diagnostic.js';
import type { RecordKind } from '../../src/model/record.js';
import type { PathKind, RecordFile, RepoSnapshot } from '../../src/model/snapshot.js';
import { createSchemaRegistry } from '../../src/validate/schema-registry.js';
import { validate, type ValidationResult } from '../../src/validate/validate.js';

/** The package's own schemas and catalogue, compiled once per test file. */
export const schemas = createSchemaRegistry(readSchemas());
export const catalogue = loadCatalogue(CATALOGUE_FILE, readCatalogueText(), schemas);

export interface CheckOptions {
  config?: AimsConfig;
  /** Extra repository paths (evidence files, folders, links) besides the record files. */
  paths?: Readonly<Record<string, PathKind>>;
}

/** A literal snapshot of record files (path → YAML text), validated with the real schemas and catalogue. */
export function check(files: Readonly<Record<string, string>>, options: CheckOptions = {}): ValidationResult {
  const recordFiles: RecordFile[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  const paths = new Map<string, PathKind>(Object.keys(files).map((p) => [p, 'file']));
  for (const [p, kind] of Object.entries(options.paths ?? {})) paths.set(p, kind);
  const snapshot: RepoSnapshot = { recordFiles, paths };
  return validate({ snapshot, config: options.config ?? DEFAULT_CONFIG, catalogue, schemas });
}

/** The compact view tests assert on: rule, file and position. */
export interface Found {
  rule: string;
  file: string;
  line: number;
  column: number;
}

export function found(diagnostics: readonly LocatedDiagnostic[]): Found[] {
  return diagnostics.map((d) => ({ rule: d.rule, file: d.location.file, ...d.location.position }));
}

export function at(rule: string, file: string, position: Position): Found {
  return { rule, file, line: position.line, column: position.column };
}

/** Diagnostics with a given rule. */
export function withRule(diagnostics: readonly LocatedDiagnostic[], rule: string): LocatedDiagnostic[] {
  return diagnostics.filter((d) => d.rule === rule);
}

/** The required fields of each kind beyond kind, id and title, written validly (references point at SYS-1 / ROLE-1). */
const REQUIRED: Readonly<Record<RecordKind, readonly [string, string][]>> = {
  context: [
    ['internal_issues', 'internal_issues: [Skills]\n'],
    ['external_issues', 'external_issues: [Regulation]\n'],
    ['interested_parties', 'interested_parties:\n  - name: Customers\n'],
  ],
  scope: [['statement', 'statement: Every AI system we build\n']],
  policy: [['statements', 'statements: [We build AI responsibly]\n']],
  role: [['responsibilities', 'responsibilities: [Run the AIMS]\n']],
  system: [
    ['description', 'description: A model\n'],
    ['lifecycle', 'lifecycle: operation\n'],
  ],
  risk: [
    ['likelihood', 'likelihood: likely\n'],
    ['impact', 'impact: minor\n'],
  ],
  assessment: [
    ['system', 'system: SYS-1\n'],
    ['date', 'date: 2026-01-15\n'],
    ['impacts', 'impacts:\n  - group: individuals\n    description: Unfair outcomes\n    severity: low\n'],
  ],
  control: [
    ['applicable', 'applicable: true\n'],
    ['justification', 'justification: Needed\n'],
  ],
  objective: [
    ['metric', 'metric: Accuracy\n'],
    ['target', 'target: 95\n'],
    ['due', 'due: 2026-12-31\n'],
  ],
  competence: [
    ['role', 'role: ROLE-1\n'],
    ['required', 'required: [Statistics]\n'],
  ],
  audit: [
    ['date', 'date: 2026-01-15\n'],
    ['auditor', 'auditor: Jo Smith\n'],
    ['independent', 'independent: true\n'],
  ],
  review: [
    ['date', 'date: 2026-01-15\n'],
    ['attendees', 'attendees: [Board]\n'],
    ['inputs', 'inputs: [Audit results]\n'],
    ['decisions', 'decisions: [Carry on]\n'],
  ],
  nonconformity: [
    ['raised', 'raised: 2026-01-15\n'],
    ['description', 'description: Something went wrong\n'],
  ],
  document: [['type', 'type: procedure\n']],
  supplier: [['provides', 'provides: [model]\n']],
  incident: [
    ['date', 'date: 2026-02-01\n'],
    ['description', 'description: The model refused every application for an hour\n'],
  ],
  dataset: [],
};

/**
 * A schema-valid record as YAML: `kind` on line 1, `id` on line 2, `title` on line 3, then
 * `fields` from line 4, then the kind's required fields that `fields` does not set itself.
 */
export function aRecord(kind: RecordKind, id: string, fields = ''): string {
  const body = fields === '' || fields.endsWith('\n') ? fields : fields + '\n';
  const rest = REQUIRED[kind]
    .filter(([key]) => !new RegExp(`^${key}:`, 'm').test(body))
    .map(([, text]) => text)
    .join('');
  return `kind: ${kind}\nid: ${id}\ntitle: The ${kind} ${id}\n${body}${rest}`;
}

/** Several records in one file, as a YAML stream. */
export function stream(...records: string[]): string {
  return records.join('---\n');
}
