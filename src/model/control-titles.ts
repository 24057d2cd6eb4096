import { annexAControls, type Catalogue, type CatalogueEntry } from './catalogue.js';

/**
 * Whether a title names an Annex A control. Organisations number their SoA their own way
 * ("A.5.2 Internal audit"), so a control id alone is not trusted: its title must share a
 * meaningful word with the catalogue's title for that id (or its objective's). Words match
 * on a shared stem, so "logging" fits "logs" and "verify" fits "verification", but "internal"
 * does not fit "interested".
 */

/** Words that say nothing about which control is meant. */
const FILLER = new Set([
  'a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'by', 'or', 'at', 'from', 'about', 'its', 'our',
  'ai', 'system', 'systems', 'control', 'controls', 'organization', 'organizational', 'organisation', 'organisational',
  'management', 'process', 'processes',
]);

export function titleWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !FILLER.has(w));
}

const SUFFIXES = ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ions', 'ion', 'ies', 'es', 'ed', 's', 'e', 'y'];

/** A crude stem: the word without one common English ending, never shorter than three letters. */
function stem(word: string): string {
  const suffix = SUFFIXES.find((s) => word.endsWith(s) && word.length - s.length >= 3);
  return suffix ? word.slice(0, -suffix.length) : word;
}

/** Two words share a stem: one stem starts the other (log / logging), or they share seven letters. */
function sameStem(a: string, b: string): boolean {
  const [x, y] = [stem(a), stem(b)];
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i === Math.min(x.length, y.length) || i >= 7;
}

/** How many of `title`'s words have a stem in `other`. */
export function titleOverlap(title: string, other: string): number {
  const theirs = titleWords(other);
  return titleWords(title).filter((w) => theirs.some((t) => sameStem(w, t))).length;
}

export type TitleVerdict =
  | { fits: true }
  /** `matches`: the Annex A control the title names instead, when one stands out. */
  | { fits: false; entry: CatalogueEntry; matches?: CatalogueEntry };

/**
 * Judge the title of an SoA entry whose id is Annex A control `id`. A title with no
 * meaningful words (or an id outside the catalogue) is not judged.
 */
export function judgeControlTitle(catalogue: Catalogue, id: string, title: string): TitleVerdict {
  const entry = catalogue.byId.get(id);
  if (entry?.kind !== 'control' || titleWords(title).length === 0) return { fits: true };
  const parent = entry.parent ? catalogue.byId.get(entry.parent)?.title ?? '' : '';
  if (titleOverlap(title, entry.title) > 0 || titleOverlap(title, parent) > 0) return { fits: true };
  let best: CatalogueEntry | undefined;
  let bestScore = 0;
  for (const other of annexAControls(catalogue)) {
    const score = titleOverlap(title, other.title);
    if (score > bestScore) [best, bestScore] = [other, score];
  }
  return best ? { fits: false, entry, matches: best } : { fits: false, entry };
}

/** The sentence both `aims validate` and `aims import` use for a title that contradicts its id. */
export function titleMismatchMessage(verdict: Extract<TitleVerdict, { fits: false }>, title: string): string {
  const { entry, matches } = verdict;
  const theirs = matches
    ? `your title "${title}" matches \`${matches.id}\` ${matches.title}`
    : `your title "${title}" matches no Annex A control`;
  return `\`${entry.id}\` is ${entry.title} in Annex A; ${theirs}: is this your own numbering? Use an organisation id such as CTL-… and map it with \`annex_a\``;
}
