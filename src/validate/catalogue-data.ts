import type { Catalogue, CatalogueEntry, ReadinessRules } from '../model/catalogue.js';

/** One entry as the catalogue file writes it. */
interface EntryData {
  id: string;
  title: string;
  kind: CatalogueEntry['kind'];
  parent: string | null;
  summary: string;
  evidenced_by: CatalogueEntry['evidencedBy'];
}

/**
 * The catalogue as its file holds it: the YAML source parsed, which is also what the build
 * writes as JSON (src/build/convert-data.ts) for each run to read without a YAML parser.
 */
export interface CatalogueData {
  id: string;
  title: string;
  entries: EntryData[];
  readiness?: ReadinessRules;
}

/** Catalogue data (already valid against catalogue.schema.json) → Catalogue; `path` names it in errors. */
export function catalogueFromData(data: CatalogueData, path: string): Catalogue {
  const entries: CatalogueEntry[] = data.entries.map((e) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    parent: e.parent,
    summary: e.summary,
    evidencedBy: e.evidenced_by,
  }));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const named = data.readiness ? [...data.readiness.mirrors.flat(), ...data.readiness.prerequisites, ...data.readiness.phases.flatMap((p) => p.entries)] : [];
  const unknown = named.find((id) => !byId.has(id));
  if (unknown !== undefined) throw new Error(`catalogue ${path} is invalid: readiness names ${unknown}, which is not an entry`);
  return { id: data.id, title: data.title, entries, byId, ...(data.readiness ? { readiness: data.readiness } : {}) };
}
