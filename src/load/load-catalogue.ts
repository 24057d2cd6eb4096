import type { Catalogue, CatalogueEntry } from '../model/catalogue.js';
import type { SchemaRegistry } from '../validate/schema-registry.js';
import { parseYamlStream } from './parse-yaml.js';

interface RawEntry {
  id: string;
  title: string;
  kind: CatalogueEntry['kind'];
  parent: string | null;
  summary: string;
  evidenced_by: CatalogueEntry['evidencedBy'];
}

/**
 * Catalogue text → Catalogue. The built-in catalogue ships with the package, so a catalogue
 * that fails its schema is a bug in aims, reported as an exception rather than a diagnostic.
 */
export function loadCatalogue(path: string, text: string, schemas: SchemaRegistry): Catalogue {
  const parsed = parseYamlStream(path, text);
  const value = parsed.documents[0]?.value;
  const issues = schemas.validate('catalogue', value);
  if (parsed.diagnostics.length > 0 || issues.length > 0 || !value) {
    const first = parsed.diagnostics[0]?.message ?? `${issues[0]?.instancePath} ${issues[0]?.message}`;
    throw new Error(`catalogue ${path} is invalid: ${first}`);
  }
  const raw = value as { id: string; title: string; entries: RawEntry[] };
  const entries: CatalogueEntry[] = raw.entries.map((e) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    parent: e.parent,
    summary: e.summary,
    evidencedBy: e.evidenced_by,
  }));
  return { id: raw.id, title: raw.title, entries, byId: new Map(entries.map((e) => [e.id, e])) };
}
