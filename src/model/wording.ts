/**
 * Text that says nothing: the gap analysis does not count a justification of "n/a" or a
 * decision of "tbd". The phrases are data (schemas/wording.json); these are the pure checks.
 */
export interface Wording {
  /** Phrases that are empty in meaning, lower case. */
  trivial: readonly string[];
  /** A justification, decision, root cause or reason needs at least this many words. */
  minWords: number;
  /** Audiences in `communicated_to` that reach every role holder, lower case. */
  everyone: readonly string[];
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/(?<=\w)\.$/, '');
}

/** Empty, or one of the phrases that say nothing ("n/a", "TBD"). For short fields such as a DPIA reference. */
export function isEmptyPhrase(wording: Wording, text: string | undefined): boolean {
  if (text === undefined) return true;
  const t = normalise(text);
  return t === '' || wording.trivial.includes(t);
}

/** An empty phrase, or fewer than `minWords` words: not a justification, decision, root cause or reason. */
export function isTrivial(wording: Wording, text: string | undefined): boolean {
  if (isEmptyPhrase(wording, text)) return true;
  return (text as string).trim().split(/\s+/).length < wording.minWords;
}

/** Whether an audience such as "All staff" reaches everyone in the organisation. */
export function meansEveryone(wording: Wording, audience: string): boolean {
  return wording.everyone.includes(normalise(audience));
}

/** wording.json as parsed JSON → Wording, or an error naming what is wrong (it ships with the package, so wrong is a bug). */
export function parseWording(data: unknown): Wording {
  const d = data as { trivial?: unknown; min_words?: unknown; everyone?: unknown } | null;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (!d || !strings(d.trivial) || !strings(d.everyone) || typeof d.min_words !== 'number') {
    throw new Error('wording.json must hold `trivial` and `everyone` lists of text and a `min_words` number');
  }
  return { trivial: d.trivial.map(normalise), minWords: d.min_words, everyone: d.everyone.map(normalise) };
}
