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
}

export function annexAControls(catalogue: Catalogue): CatalogueEntry[] {
  return catalogue.entries.filter((e) => e.kind === 'control');
}
