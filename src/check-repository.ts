import path from 'node:path';
import { packageVersion, readCatalogueText, readSchemas, CATALOGUE_FILE } from './assets.js';
import { loadCatalogue } from './load/load-catalogue.js';
import { loadConfig } from './load/load-config.js';
import type { AimsConfig } from './model/config.js';
import type { Catalogue } from './model/catalogue.js';
import { InputError } from './model/errors.js';
import type { RepoSnapshot } from './model/snapshot.js';
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
export async function checkRepository(root: string): Promise<RepositoryCheck> {
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
