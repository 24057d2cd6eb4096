import type { LocatedDiagnostic } from '../model/diagnostic.js';
import type { Finding } from '../model/gap.js';
import { isPlaceholder } from '../model/placeholder.js';
import type { AimsRecord } from '../model/record.js';

/** Where a record still holds scaffold text: the JSON pointer and the line it is on. */
export interface PlaceholderSpot {
  pointer: string;
  line: number;
}

/**
 * Records as the rules read them: scaffold text that nobody replaced is taken out (a field
 * that holds only a placeholder is absent; a list loses the placeholder items), and every
 * spot is remembered so the clauses these records evidence can say where to fill it in.
 */
export function withoutPlaceholders(
  records: readonly AimsRecord[],
  diagnostics: readonly LocatedDiagnostic[],
): { records: AimsRecord[]; spots: Map<AimsRecord, PlaceholderSpot[]> } {
  const lines = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.rule === 'record/placeholder') lines.set(key(d.location.file, d.location.document ?? 0, d.location.pointer ?? ''), d.location.position.line);
  }
  const spots = new Map<AimsRecord, PlaceholderSpot[]>();
  const out = records.map((record) => {
    // Most records hold no scaffold text: a walk that builds nothing says so before any copy is made.
    const seen = new WeakSet<object>();
    if (!Object.entries(record).some(([k, v]) => k !== 'origin' && holdsPlaceholder(v, seen))) return record;
    const found: string[] = [];
    const { origin, ...data } = record;
    const cleaned = strip(data, '', found, new WeakSet());
    if (found.length === 0) return record;
    const copy = { ...(cleaned as object), origin } as AimsRecord;
    spots.set(
      copy,
      found.map((pointer) => ({ pointer, line: lines.get(key(origin.file, origin.document, pointer)) ?? origin.line })),
    );
    return copy;
  });
  return { records: out, spots };
}

function key(file: string, document: number, pointer: string): string {
  return `${file}\u0000${document}\u0000${pointer}`;
}

/** Whether a placeholder string sits anywhere in `value` (the same walk as strip, cycles included). */
function holdsPlaceholder(value: unknown, seen: WeakSet<object>): boolean {
  if (isPlaceholder(value)) return true;
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((item) => holdsPlaceholder(item, seen));
  for (const v of Object.values(value)) if (holdsPlaceholder(v, seen)) return true;
  return false;
}

/**
 * A copy of `value` without placeholder strings; their pointers go to `found`. A document
 * with YAML errors can alias itself into a cycle: an object met again is kept as it is.
 */
function strip(value: unknown, pointer: string, found: string[], seen: WeakSet<object>): unknown {
  if (value !== null && typeof value === 'object') {
    if (seen.has(value)) return value;
    seen.add(value);
  }
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    value.forEach((item, i) => {
      if (isPlaceholder(item)) found.push(`${pointer}/${i}`);
      else kept.push(strip(item, `${pointer}/${i}`, found, seen));
    });
    return kept;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (isPlaceholder(v)) found.push(p);
      else out[k] = strip(v, p, found, seen);
    }
    return out;
  }
  return value;
}

/** One finding per placeholder spot of a record: it counts as absent until filled in. */
export function placeholderFindings(record: AimsRecord, spots: readonly PlaceholderSpot[], label: string): Finding[] {
  return spots.map((s) => {
    const field = s.pointer.slice(1).replace(/\/\d+$/, '').replace(/\//g, '.');
    const f: Finding = {
      message: `${label}: \`${field}\` still holds placeholder text from the scaffold, so it counts as absent`,
      kind: record.kind,
      file: record.origin.file,
      line: s.line,
      next: `fill in the placeholder at ${record.origin.file}:${s.line}`,
    };
    if (record.id !== undefined) f.record = record.id;
    return f;
  });
}
