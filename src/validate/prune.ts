import { parsePointer } from '../load/pointer.js';
import type { SchemaIssue } from './schema-registry.js';

/**
 * A copy of `data` without the values that failed their schema, so that the typed records the
 * analysis reads are honest. Required-but-missing fields have nothing to remove.
 */
export function pruneInvalid(data: Record<string, unknown>, issues: readonly SchemaIssue[]): Record<string, unknown> {
  if (issues.length === 0) return data;
  const targets = issues
    .filter((i) => i.keyword !== 'required')
    .map((i) => (i.keyword === 'additionalProperties' ? [...parsePointer(i.instancePath), String(i.params['additionalProperty'])] : parsePointer(i.instancePath)))
    .filter((segments) => segments.length > 0);
  if (targets.length === 0) return data;
  const copy = structuredClone(data);
  const dropped = new Map<unknown[], Set<number>>();
  for (const segments of targets) {
    let holder: unknown = copy;
    let parent: unknown;
    let key = '';
    for (const segment of segments.slice(0, -1)) {
      parent = holder;
      key = segment;
      holder = holder !== null && typeof holder === 'object' ? (holder as Record<string, unknown>)[segment] : undefined;
    }
    let last = segments[segments.length - 1] as string;
    // A value that is not JSON-like (`!!binary` → Uint8Array, `!!set` → Set ...): drop it whole.
    if (holder !== null && typeof holder === 'object' && !Array.isArray(holder) && Object.getPrototypeOf(holder) !== Object.prototype && parent !== undefined) {
      holder = parent;
      last = key;
    }
    if (Array.isArray(holder)) {
      let set = dropped.get(holder);
      if (!set) dropped.set(holder, (set = new Set()));
      set.add(Number(last));
    } else if (holder !== null && typeof holder === 'object') {
      Reflect.deleteProperty(holder, last);
    }
  }
  // Remove list items last, highest index first, so earlier removals do not shift later ones.
  for (const [list, indexes] of dropped) {
    for (const index of [...indexes].sort((a, b) => b - a)) list.splice(index, 1);
  }
  return copy;
}
