/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) in UTC, so results never depend on the
 * machine's time zone. Durations are ISO 8601 (P6M, P1Y, P2W, P30D, P1Y6M).
 */

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export function parseDuration(text: string): Duration | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i] ?? 0);
  return { years: n(1), months: n(2), weeks: n(3), days: n(4) };
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not: Date.parse would roll it over to March). */
export function isIsoDate(text: unknown): text is string {
  return typeof text === 'string' && isRealDate(text);
}

/** Answers already worked out: a large AIMS asks about the same few hundred dates thousands of times. */
const realDates = new Map<string, boolean>();
const sums = new Map<string, string>();
/** Emptied when this full, so that a long-lived process judging many repositories stays bounded. */
const REMEMBERED = 100_000;

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= REMEMBERED) map.clear();
  map.set(key, value);
  return value;
}

// Not a type guard: a string that is not a date is still a string (a guard would narrow it to never).
export function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  let real = realDates.get(text);
  if (real === undefined) {
    const time = Date.parse(`${text}T00:00:00Z`);
    real = remember(realDates, text, !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text);
  }
  return real;
}

/** Why an --as-of value is refused, or undefined when it is a real date written YYYY-MM-DD. */
export function asOfProblem(text: string): string | undefined {
  if (isRealDate(text)) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? `--as-of ${text} is not a real calendar date` : `--as-of must be a date written YYYY-MM-DD, not "${text}"`;
}

/** date + duration; a month step from the 31st lands on the month's last day (Jan 31 + P1M = Feb 28). */
export function addDuration(date: string, duration: Duration): string {
  const key = `${date}/${duration.years}/${duration.months}/${duration.weeks}/${duration.days}`;
  return sums.get(key) ?? remember(sums, key, add(date, duration));
}

function add(date: string, duration: Duration): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const totalMonths = y * 12 + (m - 1) + duration.years * 12 + duration.months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const base = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  base.setUTCDate(base.getUTCDate() + duration.weeks * 7 + duration.days);
  return base.toISOString().slice(0, 10);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The date part of an ISO date-time, in UTC. */
export function toIsoDate(dateTime: string | Date): string {
  return (typeof dateTime === 'string' ? new Date(dateTime) : dateTime).toISOString().slice(0, 10);
}
