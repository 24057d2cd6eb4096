/** "Did you mean …?" for field names, enum values, ids and commands. */

/** Longer words get no suggestion, and at most this many candidates are compared: the search stays bounded on hostile input. */
export const MAX_SUGGEST_LENGTH = 100;
export const MAX_SUGGEST_CANDIDATES = 5000;

export function closest(word: string, candidates: Iterable<string>, maxDistance?: number): string | undefined {
  if (word.length > MAX_SUGGEST_LENGTH) return undefined;
  const limit = maxDistance ?? Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  let compared = 0;
  for (const candidate of candidates) {
    // Lengths further apart than the limit cannot be within it: skipped without the quadratic comparison.
    if (Math.abs(candidate.length - word.length) > limit) continue;
    if (++compared > MAX_SUGGEST_CANDIDATES) break;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const at = (r: number, c: number): number => d[r * cols + c] ?? 0;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1] ?? 0;
}

/** "a, b or c" */
export function listWords(words: readonly string[], conjunction = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
