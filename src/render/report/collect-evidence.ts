import type { AimsRecord } from '../../model/record.js';
import type { PathKind } from '../../model/snapshot.js';
import { classifyEvidence } from '../../model/evidence.js';

export interface CitedFile {
  source: string;
  records: string[];
  controls: string[];
}

export interface CitedUrl {
  url: string;
  records: string[];
}

/** Every evidence file and URL the records cite, with who cites it; paths that are problems are left out (validate reports them). */
export function collectEvidence(records: readonly AimsRecord[], paths: ReadonlyMap<string, PathKind>): { files: CitedFile[]; urls: CitedUrl[] } {
  const files = new Map<string, { records: Set<string>; controls: Set<string> }>();
  const urls = new Map<string, Set<string>>();
  for (const record of records) {
    const id = record.id ?? record.origin.file;
    const cited = [...(record.evidence ?? [])];
    if (record.kind === 'competence') for (const h of record.holders ?? []) cited.push(...(h.evidence ?? []));
    if (record.kind === 'assessment' && record.dpia?.includes('/')) cited.push(record.dpia);
    for (const reference of cited) {
      const target = classifyEvidence(reference, paths);
      if (target.type === 'url') {
        let set = urls.get(target.url);
        if (!set) urls.set(target.url, (set = new Set()));
        set.add(id);
      } else if (target.type === 'file') {
        let entry = files.get(target.path);
        if (!entry) files.set(target.path, (entry = { records: new Set(), controls: new Set() }));
        entry.records.add(id);
        if (record.kind === 'control') {
          entry.controls.add(id);
          for (const a of record.annex_a ?? []) entry.controls.add(a);
        }
      }
    }
  }
  const sorted = (s: Set<string>): string[] => [...s].sort();
  return {
    files: [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([source, e]) => ({ source, records: sorted(e.records), controls: sorted(e.controls) })),
    urls: [...urls.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([url, set]) => ({ url, records: sorted(set) })),
  };
}
