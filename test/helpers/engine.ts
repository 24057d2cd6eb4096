import { CATALOGUE_FILE, readCatalogueText, readSchemas } from '../../src/assets.js';
import { loadCatalogue } from '../../src/load/load-catalogue.js';
import { type AimsConfig, DEFAULT_CONFIG } from '../../src/model/config.js';
import type { LocatedDiagnostic, Position } from '../../src/model/diagnostic.js';
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
