import { isPlainObject } from './normalise.js';
import { parseYamlStream } from './parse-yaml.js';

/** The `approved.date` of every record in a YAML text, by id (null where a record has none). */
export function approvalDates(path: string, text: string): Map<string, string | null> {
  const dates = new Map<string, string | null>();
  for (const doc of parseYamlStream(path, text).documents) {
    const value = doc.value;
    if (!isPlainObject(value) || typeof value['id'] !== 'string') continue;
    const approved = value['approved'];
    const date = isPlainObject(approved) && typeof approved['date'] === 'string' ? approved['date'] : null;
    dates.set(value['id'], date);
  }
  return dates;
}
