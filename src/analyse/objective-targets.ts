import type { RecordOfKind } from '../model/record.js';

type Objective = RecordOfKind<'objective'>;
type Value = string | number | undefined;
export interface Target {
  value?: string | number;
  date?: string;
}

/** "95", 95 and "95 %" are the number 95; other text is not a number. */
export function numericValue(value: Value): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const bare = text.endsWith('%') ? text.slice(0, -1).trimEnd() : text;
  return /^[-+]?\d{1,15}(?:\.\d{1,15})?$/.test(bare) ? Number(bare) : undefined;
}

/** Which way the metric should move: as written, else from the baseline towards the target; undefined when neither tells. */
export function direction(o: Objective, target: Target): 'increase' | 'decrease' | undefined {
  if (o.direction) return o.direction;
  const from = numericValue(o.baseline?.value);
  const to = numericValue(target.value);
  if (from === undefined || to === undefined || from === to) return undefined;
  return to > from ? 'increase' : 'decrease';
}

/** Whether a measured value reaches the target: numbers by the direction, text by equal wording (ignoring case). */
export function meets(o: Objective, target: Target, measured: Value): boolean | 'unknown' {
  const want = numericValue(target.value);
  if (want === undefined) {
    const norm = (v: Value): string => String(v ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
    return target.value !== undefined && norm(measured) === norm(target.value);
  }
  const got = numericValue(measured);
  if (got === undefined) return false;
  const way = direction(o, target);
  if (way === undefined) return got === want ? true : 'unknown';
  return way === 'increase' ? got >= want : got <= want;
}

export type TargetVerdict =
  | { state: 'pending' | 'met' }
  | { state: 'missed'; latest?: { date: string; value: Value } }
  | { state: 'unknown' };

/**
 * A dated target as of `asOf`: pending until its date has passed; then met only by a
 * measurement taken on or before the target date (and not after as-of).
 */
export function judgeTarget(o: Objective, target: Target, asOf: string): TargetVerdict {
  if (target.date === undefined || target.date >= asOf) return { state: 'pending' };
  const deadline = target.date;
  const counted = (o.measurements ?? []).filter((m): m is { date: string; value?: string | number } => m.date !== undefined && m.date <= deadline && m.date <= asOf);
  const results = counted.map((m) => meets(o, target, m.value));
  if (results.includes(true)) return { state: 'met' };
  if (results.includes('unknown')) return { state: 'unknown' };
  const latest = counted.reduce<(typeof counted)[number] | undefined>((a, m) => (a === undefined || m.date >= a.date ? m : a), undefined);
  return latest ? { state: 'missed', latest: { date: latest.date, value: latest.value } } : { state: 'missed' };
}
