import { mkdirSync, writeFileSync } from 'node:fs';
import { BUILT_CATALOGUE_FILE, BUILT_DATA_DIR, BUILT_SIGNATURES_FILE, CATALOGUE_FILE, readCatalogueText, readSchemas, readSignaturesText, SIGNATURES_FILE } from '../assets.js';
import { catalogueFromData } from '../validate/catalogue-data.js';
import { parseCatalogue } from '../validate/load-catalogue.js';
import { parseSignatures } from '../validate/load-signatures.js';
import { createSchemaRegistry } from '../validate/schema-registry.js';

/**
 * Build step (after compile-schemas): the catalogue's and the signatures' YAML, the source of
 * truth, checked against their schemas and converted once to JSON, which each run reads with
 * JSON.parse (api/built-data.ts). Data that fails its schema (or the catalogue its readiness
 * rules) fails the build.
 */
const schemas = createSchemaRegistry(readSchemas());
const catalogue = parseCatalogue(CATALOGUE_FILE, readCatalogueText(), schemas);
catalogueFromData(catalogue, CATALOGUE_FILE);
const signatures = parseSignatures(SIGNATURES_FILE, readSignaturesText(), schemas);
mkdirSync(BUILT_DATA_DIR, { recursive: true });
writeFileSync(BUILT_CATALOGUE_FILE, JSON.stringify(catalogue));
writeFileSync(BUILT_SIGNATURES_FILE, JSON.stringify(signatures));
