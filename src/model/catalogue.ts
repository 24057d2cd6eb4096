import type { RecordKind } from './record.js';

/** A requirements catalogue (ISO/IEC 42001:2023 by default), as schemas/catalogue/*.yaml holds it. */

export type CatalogueEntryKind = 'clause' | 'objective' | 'control';

export interface CatalogueEntry {
  id: string;
  title: string;
  kind: CatalogueEntryKind;
  parent: string | null;
  summary: string;
  evidencedBy: readonly RecordKind[];
}

export interface Catalogue {
  id: string;
  title: string;
  /** In the standard's order. */
  entries: readonly CatalogueEntry[];
  byId: ReadonlyMap<string, CatalogueEntry>;
  /** How readiness is scored and the certification journey is drawn (the catalogue's `readiness`). */
  readiness?: ReadinessRules;
}

export interface ReadinessRules {
  /** Clause groups scored (and printed) as one item. */
  mirrors: readonly (readonly string[])[];
  /** Clauses whose item is a certification prerequisite. */
  prerequisites: readonly string[];
  weights: { control: number; clause: number; prerequisite: number };
  phases: readonly PhaseDefinition[];
}

export interface PhaseDefinition {
  id: string;
  title: string;
  /** Clauses, objectives or controls; each covers every entry below it. */
  entries: readonly string[];
}

export function annexAControls(catalogue: Catalogue): CatalogueEntry[] {
  return catalogue.entries.filter((e) => e.kind === 'control');
}
