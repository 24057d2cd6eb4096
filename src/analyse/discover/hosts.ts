/**
 * Host names in text, found without a regular expression built from data: the organisation
 * writes host patterns in aims.yaml, and a pattern such as `*-*-*.x` turned into an expression
 * would backtrack on hostile text. Here each pattern is split into DNS labels, `*` standing for
 * one or more of [a-z0-9-] inside its label; text is searched for each pattern's longest
 * literal part, and each hit is widened to the whole name around it, at most MAX_HOST long.
 */

/** A host pattern, ready to match: its labels, each split at `*`, and the literal part searched for. */
export interface HostPattern<T> {
  labels: readonly (readonly string[])[];
  literal: string;
  value: T;
}

/** The longest a host name may be (RFC 1035); a longer run of name characters is not a host. */
export const MAX_HOST = 253;

export function compileHost<T>(pattern: string, value: T): HostPattern<T> {
  const lower = pattern.toLowerCase();
  const literal = lower.split('*').reduce((a, b) => (b.length > a.length ? b : a), '');
  return { labels: lower.split('.').map((label) => label.split('*')), literal, value };
}

/**
 * A quick test that most files fail: does the text hold any pattern's literal part, in any case?
 * One expression of escaped literals joined by `|`: no quantifier or group, so it cannot
 * backtrack (one pass, at most the literals' total length per position); undefined for no patterns.
 */
export function hostHint(patterns: readonly HostPattern<unknown>[]): RegExp | undefined {
  const literals = [...new Set(patterns.map((p) => p.literal).filter((l) => l !== ''))];
  return literals.length === 0 ? undefined : new RegExp(literals.map((l) => l.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'i');
}

/** Whether a whole host name (lower case) fits the pattern. */
export function hostMatches(pattern: HostPattern<unknown>, host: string): boolean {
  const labels = host.split('.');
  return labels.length === pattern.labels.length && labels.every((label, i) => labelMatches(pattern.labels[i] as readonly string[], label));
}

/** One label against its pieces: the first a prefix, the last a suffix, the middle ones in order, each `*` at least one character. */
function labelMatches(pieces: readonly string[], label: string): boolean {
  const first = pieces[0] as string;
  if (pieces.length === 1) return label === first;
  if (!label.startsWith(first)) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = label.indexOf(piece, at + 1);
    if (found === -1) return false;
    at = found + piece.length;
  }
  const last = pieces[pieces.length - 1] as string;
  return label.endsWith(last) && label.length - last.length >= at + 1;
}

function isNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e; // a-z 0-9 - .
}

/**
 * Every host name in `lower` (text already in lower case) that fits a pattern, with its offset,
 * in text order. A name is a whole run of name characters: `xapi.openai.com` and
 * `api.openai.com.evil.test` are not `api.openai.com`; a sentence's closing full stop is not part of it.
 */
export function findHosts<T>(lower: string, patterns: readonly HostPattern<T>[]): { at: number; host: string; value: T }[] {
  const found = new Map<number, { host: string; value: T }>();
  const tried = new Set<number>();
  for (const literal of new Set(patterns.map((p) => p.literal))) {
    if (literal === '') continue;
    for (let hit = lower.indexOf(literal); hit !== -1; hit = lower.indexOf(literal, hit + 1)) {
      let start = hit;
      while (start > 0 && hit - start <= MAX_HOST && isNameChar(lower.charCodeAt(start - 1))) start--;
      if (tried.has(start)) continue;
      tried.add(start);
      let end = hit + literal.length;
      while (end < lower.length && end - start <= MAX_HOST && isNameChar(lower.charCodeAt(end))) end++;
      if (end - start > MAX_HOST) continue; // too long to be a host name: a hostile run, not read further
      let host = lower.slice(start, end);
      while (host.endsWith('.')) host = host.slice(0, -1);
      const match = patterns.find((p) => hostMatches(p, host));
      if (match) found.set(start, { host, value: match.value });
    }
  }
  return [...found].sort((a, b) => a[0] - b[0]).map(([at, f]) => ({ at, ...f }));
}
