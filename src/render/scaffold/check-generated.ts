import { loadConfig } from '../../validate/load-config.js';
import { CONFIG_FILE } from '../../model/config.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { SchemaRegistry } from '../../validate/schema-registry.js';
import { checkRecordFile } from '../../validate/validate.js';

/** A generated YAML file read back as aims reads it: its data and its errors. */
export interface ReadBack {
  path: string;
  /** Each document's data (records), or the config's, in order. */
  data: Readonly<Record<string, unknown>>[];
  errors: Diagnostic[];
}

/**
 * Re-reads what a generator is about to write (`aims init`, `aims new`), before it is
 * written: a generated file that does not validate is a bug in a template, or a value the
 * user gave that cannot stand (an id with a space), and is refused, never written.
 */
export function readBack(files: ReadonlyMap<string, string>, schemas: SchemaRegistry): ReadBack[] {
  const out: ReadBack[] = [];
  for (const [path, text] of files) {
    if (!path.endsWith('.yaml')) continue;
    if (path === CONFIG_FILE) {
      const loaded = loadConfig({ path, text }, schemas);
      const value = loaded.parsed?.get().documents[0]?.value;
      out.push({ path, data: value !== null && typeof value === 'object' ? [value as Record<string, unknown>] : [], errors: loaded.diagnostics.filter((d) => d.severity === 'error') });
    } else {
      const check = checkRecordFile({ path, text }, schemas);
      out.push({ path, data: check.raw.map((r) => r.data), errors: check.diagnostics.filter((d) => d.severity === 'error') });
    }
  }
  return out;
}
