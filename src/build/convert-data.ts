import { mkdirSync, writeFileSync } from 'node:fs';
import { BUILT_CATALOGUE_FILE, BUILT_DATA_DIR, CATALOGUE_FILE, readCatalogueText, readSchemas } from '../assets.js';
import { catalogueFromData } from '../validate/catalogue-data.js';
import { parseCatalogue } from '../validate/load-catalogue.js';
import { createSchemaRegistry } from '../validate/schema-registry.js';

/**
 * Build step (after compile-schemas): the catalogue's YAML, the source of truth, checked against
 * its schema and converted once to JSON, which each run reads with JSON.parse (api/catalogue.ts).
 * A catalogue that fails its schema or its readiness rules fails the build.
 */
const data = parseCatalogue(CATALOGUE_FILE, readCatalogueText(), createSchemaRegistry(readSchemas()));
catalogueFromData(data, CATALOGUE_FILE);
mkdirSync(BUILT_DATA_DIR, { recursive: true });
writeFileSync(BUILT_CATALOGUE_FILE, JSON.stringify(data));
