import { isPlainObject } from './normalise.js';
import { fastParseStream } from './fast-route.js';
import { parseYamlStream } from './parse-yaml.js';

/** What one version of a record file says, record by record. */
export interface RecordContent {
  /** The record's data in a canonical form: equal exactly when the data is equal, whatever the layout, quoting, key order or comments. */
  content: string;
  /** Its `approved.date`, null when it has none. */
  approved: string | null;
}

/** The key a record keeps across versions and files: its kind and id. */
export function recordKey(kind: string, id: string): string {
  return `${kind}\u0000${id}`;
}

/**
 * Every record (a document with a `kind` and an `id`) of one version of a file, by key. A
 * key written twice keeps both contents, so a change to either is a change.
 */
export function recordContents(path: string, text: string): Map<string, RecordContent> {
  const out = new Map<string, RecordContent>();
  // The fast parser where it reads as `yaml` does (fast-route.ts), `yaml` elsewhere: a walk of
  // history parses thousands of old versions, and both give the same values.
  const values = fastParseStream(text)?.map((d) => d.value) ?? parseYamlStream(path, text).documents.map((d) => d.value);
  for (const value of values) {
    if (!isPlainObject(value)) continue;
    const kind = value['kind'];
    const id = value['id'];
    if (typeof kind !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) continue;
    const key = recordKey(kind, String(id));
    const approved = value['approved'];
    const date = isPlainObject(approved) && typeof approved['date'] === 'string' ? approved['date'] : null;
    const content = canonical(value);
    const seen = out.get(key);
    out.set(key, seen ? { content: `${seen.content}\u0000${content}`, approved: seen.approved ?? date } : { content, approved: date });
  }
  return out;
}

/** JSON with object keys sorted, so that reordering keys is not a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isPlainObject(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = v[k];
    return sorted;
  });
}
