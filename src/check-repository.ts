import path from 'node:path';
import { packageVersion, readCatalogueText, readSchemas, CATALOGUE_FILE } from './assets.js';
import { loadCatalogue } from './load/load-catalogue.js';
import { loadConfig } from './load/load-config.js';
import type { AimsConfig } from './model/config.js';
import type { Catalogue } from './model/catalogue.js';
import { InputError } from './model/errors.js';
import type { RepoSnapshot } from './model/snapshot.js';
import type { GapResult } from './model/gap.js';
import { analyseGaps } from './analyse/analyse-gaps.js';
import { isIsoDate } from './analyse/dates.js';
import { createSchemaRegistry, type SchemaRegistry } from './validate/schema-registry.js';
import { validate, type ValidationResult } from './validate/validate.js';
import { pathKind } from './workspace/file-index.js';
import { readConfigFile, readSnapshot } from './workspace/read-snapshot.js';

/** The package's schemas and catalogue, loaded once per process. */
export interface Engine {
  schemas: SchemaRegistry;
  catalogue: Catalogue;
  version: string;
}

let engine: Engine | undefined;

export function loadEngine(): Engine {
  if (!engine) {
    const schemas = createSchemaRegistry(readSchemas());
    engine = { schemas, catalogue: loadCatalogue(CATALOGUE_FILE, readCatalogueText(), schemas), version: packageVersion() };
  }
  return engine;
}

export interface RepositoryCheck extends ValidationResult {
  root: string;
  config: AimsConfig;
  snapshot: RepoSnapshot;
  catalogue: Catalogue;
}

/** The façade for other programs: a repository root → its config, records and diagnostics. */
export async function checkRepository(root: string, options: { git?: 'none' | 'revision' | 'history' } = {}): Promise<RepositoryCheck> {
  const absolute = path.resolve(root);
  const kind = await pathKind(absolute);
  if (kind === 'missing') throw new InputError(`no such directory: ${root}`, 'pass the root of the AIMS repository');
  if (kind !== 'dir') throw new InputError(`not a directory: ${root}`, 'pass the root of the AIMS repository');
  const { schemas, catalogue } = loadEngine();
  const configFile = await readConfigFile(absolute);
  const loaded = loadConfig(configFile, schemas);
  const snapshot = await readSnapshot(absolute, {
    records: loaded.config.records,
    maxFileSize: loaded.config.maxFileSize,
    config: configFile,
    git: options.git ?? 'none',
  });
  const result = validate({
    snapshot,
    config: loaded.config,
    configDiagnostics: loaded.diagnostics,
    ...(loaded.parsed ? { configFile: loaded.parsed } : {}),
    catalogue,
    schemas,
  });
  return { ...result, root: absolute, config: loaded.config, snapshot, catalogue };
}

export interface GapReport {
  check: RepositoryCheck;
  gaps: GapResult;
}

/** Validation first (records with errors still count), then every clause and control judged as of `asOf`. */
export async function analyseRepository(root: string, options: { asOf: string; git?: 'history' | 'none' }): Promise<GapReport> {
  if (!isIsoDate(options.asOf)) throw new InputError(`--as-of must be a date written YYYY-MM-DD, not "${options.asOf}"`);
  const check = await checkRepository(root, { git: options.git ?? 'history' });
  const gaps = analyseGaps({
    records: check.records,
    catalogue: check.catalogue,
    config: check.config,
    asOf: options.asOf,
    paths: check.snapshot.paths,
    diagnostics: check.diagnostics,
    ...(check.snapshot.history ? { history: check.snapshot.history } : {}),
    ...(check.snapshot.historyProblem ? { historyProblem: check.snapshot.historyProblem } : {}),
  });
  return { check, gaps };
}
