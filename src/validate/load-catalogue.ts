import type { Catalogue } from '../model/catalogue.js';
import type { SchemaRegistry } from './schema-registry.js';
import { type CatalogueData, catalogueFromData } from './catalogue-data.js';
import { fastParseStream } from '../load/fast-route.js';
import { parseYamlStream } from '../load/parse-yaml.js';

/**
 * Catalogue text → the data it holds, checked against catalogue.schema.json. The built-in
 * catalogue ships with the package, so a catalogue that fails its schema is a bug in aims,
 * reported as an exception rather than a diagnostic.
 */
export function parseCatalogue(path: string, text: string, schemas: SchemaRegistry): CatalogueData {
  // The fast parser when it reads it cleanly, `yaml` to say what is wrong.
  const fast = fastParseStream(text);
  const fastValue = fast?.length === 1 ? fast[0]?.value : undefined;
  const parsed = fastValue !== undefined && schemas.validate('catalogue', fastValue).length === 0 ? undefined : parseYamlStream(path, text);
  const value = parsed ? parsed.documents[0]?.value : fastValue;
  const issues = parsed ? schemas.validate('catalogue', value) : [];
  if ((parsed && parsed.diagnostics.length > 0) || issues.length > 0 || !value) {
    const first = parsed?.diagnostics[0]?.message ?? `${issues[0]?.instancePath} ${issues[0]?.message}`;
    throw new Error(`catalogue ${path} is invalid: ${first}`);
  }
  return value as CatalogueData;
}

/** Catalogue text → Catalogue (see parseCatalogue). */
export function loadCatalogue(path: string, text: string, schemas: SchemaRegistry): Catalogue {
  return catalogueFromData(parseCatalogue(path, text, schemas), path);
}
