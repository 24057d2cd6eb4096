import type { Catalogue, CatalogueEntry, ReadinessRules } from '../model/catalogue.js';
import type { SchemaRegistry } from './schema-registry.js';
import { fastParseStream } from '../load/fast-route.js';
import { parseYamlStream } from '../load/parse-yaml.js';

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
  // It is read on every run: the fast parser when it reads it cleanly, `yaml` to say what is wrong.
  const fast = fastParseStream(text);
  const fastValue = fast?.length === 1 ? fast[0]?.value : undefined;
  const parsed = fastValue !== undefined && schemas.validate('catalogue', fastValue).length === 0 ? undefined : parseYamlStream(path, text);
  const value = parsed ? parsed.documents[0]?.value : fastValue;
  const issues = parsed ? schemas.validate('catalogue', value) : [];
  if ((parsed && parsed.diagnostics.length > 0) || issues.length > 0 || !value) {
    const first = parsed?.diagnostics[0]?.message ?? `${issues[0]?.instancePath} ${issues[0]?.message}`;
    throw new Error(`catalogue ${path} is invalid: ${first}`);
  }
  const raw = value as { id: string; title: string; entries: RawEntry[]; readiness?: ReadinessRules };
  const entries: CatalogueEntry[] = raw.entries.map((e) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    parent: e.parent,
    summary: e.summary,
    evidencedBy: e.evidenced_by,
  }));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const named = raw.readiness ? [...raw.readiness.mirrors.flat(), ...raw.readiness.prerequisites, ...raw.readiness.phases.flatMap((p) => p.entries)] : [];
  const unknown = named.find((id) => !byId.has(id));
  if (unknown !== undefined) throw new Error(`catalogue ${path} is invalid: readiness names ${unknown}, which is not an entry`);
  return { id: raw.id, title: raw.title, entries, byId, ...(raw.readiness ? { readiness: raw.readiness } : {}) };
}
