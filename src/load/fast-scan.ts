/**
 * The cheap scan that decides whether a file may take the fast parse path, and where its
 * documents are: one pass over the characters. It refuses every file in which any of these
 * occurs (a few of them are refused more broadly than said here, never less):
 *
 * - control characters (tab and carriage return included), C1 controls, U+2028, U+2029, U+FEFF;
 * - `__proto__` and `<<` (merge keys) anywhere;
 * - `&`, `*` or `!` starting a token (after a line start, whitespace, `[`, `{` or `,`, and
 *   followed by a non-space): anchors, aliases and tags;
 * - `?` standing alone (complex keys), and `]` or `}` followed by `:` (flow collections as keys);
 * - ` #` followed by a non-space (a comment that may cut a value short: a warning on the reference path);
 * - at a line start: `%` (directives), `...`, `---` with content on its line, or 48 spaces;
 * - flow brackets plus the compact block indicators opening a line (`- - -`) nested more than
 *   MAX_FAST_FLOW deep within one document (as parse-yaml.ts's nestingBeyond counts them).
 *
 * test/unit/load/fast-scan.test.ts holds these rules as regular expressions and checks that
 * the scan refuses at least what they refuse.
 */

/** Deeper flow nesting goes to the reference path (which refuses beyond MAX_DEPTH). */
export const MAX_FAST_FLOW = 16;

/** A document of a stream as `yaml` numbers them. */
export interface Chunk {
  start: number;
  end: number;
  /** Whether it holds anything besides blank lines and comments. */
  content: boolean;
  /** The line its contents start on (its marker's line when it has none, 1 for the first). */
  contentLine: number;
}

const NL = 10;
const SPACE = 32;
const TAB = 9;

/**
 * The documents of a stream, or undefined when the file must take the reference path. A
 * document starts at each `---` line (the text before the first marker makes one when it holds
 * content; blank lines and comments alone make no document).
 */
export function scanDocuments(text: string): Chunk[] | undefined {
  const n = text.length;
  const chunks: Chunk[] = [];
  let current: Chunk = { start: 0, end: n, content: false, contentLine: 1 };
  let marked = false;
  let flow = 0;
  let line = 0;
  let i = 0;
  while (i < n) {
    // A line starts at i.
    line++;
    const first = text.charCodeAt(i);
    if (first === 37) return undefined; // %
    if (first === 46 && text.startsWith('...', i)) return undefined;
    if (first === 45 && text.startsWith('---', i)) {
      let j = i + 3;
      while (text.charCodeAt(j) === SPACE) j++;
      if (j < n && text.charCodeAt(j) !== NL) return undefined; // `---` with content, `----`, a tab
      // A document marker: it ends every collection, and the next document starts at its line end.
      current.end = i;
      if (marked || current.content) chunks.push(current);
      marked = true;
      current = { start: j, end: n, content: false, contentLine: line };
      flow = 0;
      i = j + 1;
      continue;
    }
    let j = i;
    while (text.charCodeAt(j) === SPACE) j++;
    if (j - i >= 48) return undefined;
    // The compact block indicators opening the line, each followed by a space: each opens a collection.
    let compact = 0;
    for (;;) {
      const indicator = text.charCodeAt(j);
      const after = text.charCodeAt(j + 1);
      if (!((indicator === 45 || indicator === 63 || indicator === 58) && (after === SPACE || after === TAB))) break;
      if (flow + ++compact > MAX_FAST_FLOW) return undefined;
      j += 2;
      while (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB) j++;
    }
    if (!current.content) {
      let k = i;
      while (k < n && isTrimSpace(text.charCodeAt(k))) k++;
      if (k < n && text.charCodeAt(k) !== NL && text.charCodeAt(k) !== 35) {
        current.content = true;
        current.contentLine = line;
      }
    }
    // Every character of the line, its indentation and indicators included. Most are plain
    // (ATTENTION says which ASCII ones are not): the loop stays small, so that it is optimised early.
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 ? ATTENTION[c] === 0 : c > 0x9f && c !== 0x2028 && c !== 0x2029 && c !== 0xfeff) continue;
      if (c === NL) break;
      if (c === 91 || c === 123) {
        if (++flow > MAX_FAST_FLOW) return undefined;
      } else if (c === 93 || c === 125) {
        if (flow > 0) flow--;
        if (closesKey(text, i)) return undefined;
      } else if (refusedAt(text, i, c)) return undefined;
    }
    i++; // past the line break
  }
  if (marked || current.content) chunks.push(current);
  return chunks;
}

/**
 * Where the documents of a text scanDocuments accepted are, found again from its markers alone
 * (in such a text every line starting with `---` is one): for locating in a file the fast path
 * read, without looking at every character again. The same slices as scanDocuments gives.
 */
export function documentsOfScanned(text: string): { start: number; end: number }[] {
  const markers: number[] = text.startsWith('---') ? [0] : [];
  for (let i = text.indexOf('\n---'); i !== -1; i = text.indexOf('\n---', i + 1)) markers.push(i + 1);
  const slices: { start: number; end: number }[] = [];
  const first = markers[0] ?? text.length;
  if (markers.length > 0 ? hasContent(text, 0, first) : hasContent(text, 0, text.length)) slices.push({ start: 0, end: first });
  markers.forEach((at, k) => {
    const newline = text.indexOf('\n', at);
    slices.push({ start: newline === -1 ? text.length : newline, end: markers[k + 1] ?? text.length });
  });
  return slices;
}

/** Whether a line between `from` and `to` holds more than blanks and a comment. */
function hasContent(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; ) {
    while (i < to && isTrimSpace(text.charCodeAt(i))) i++;
    if (i < to && text.charCodeAt(i) !== NL && text.charCodeAt(i) !== 35) return true;
    const newline = text.indexOf('\n', i);
    if (newline === -1) return false;
    i = newline + 1;
  }
  return false;
}

/** The ASCII characters the scan looks at more closely: controls, `_ < & * ! ? [ ] { } #`. */
const ATTENTION = new Uint8Array(128);
for (let c = 0; c < 32; c++) ATTENTION[c] = 1;
for (const c of '_<&*!?[]{}#\u007f') ATTENTION[c.charCodeAt(0)] = 1;

/** Whether the character at `i` (one ATTENTION marks, or a non-ASCII one that may be a control) refuses the file. */
function refusedAt(text: string, i: number, c: number): boolean {
  switch (c) {
    case 95: // _
      return text.startsWith('__proto__', i);
    case 60: // <
      return text.charCodeAt(i + 1) === 60;
    case 38: // &
    case 42: // *
    case 33: // !
      return startsToken(text, i) && i + 1 < text.length && !isSpaceOrBreak(text.charCodeAt(i + 1));
    case 63: // ?
      return startsToken(text, i) && (i + 1 >= text.length || isSpaceOrBreak(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) >= 0x80);
    case 35: // #
      return i > 0 && (text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB) && i + 1 < text.length && !isSpaceOrBreak(text.charCodeAt(i + 1));
    default:
      // Control characters (tab and carriage return included), C1 controls, U+2028, U+2029, U+FEFF.
      return true;
  }
}

/** `]` or `}` at `i` followed by `:` on its line (spaces and tabs between): a flow collection as a key. */
function closesKey(text: string, i: number): boolean {
  let k = i + 1;
  while (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB) k++;
  return text.charCodeAt(k) === 58;
}

/** At the start of the text or a line, or after whitespace (any non-ASCII character counts, to be safe), `[`, `{` or `,`. */
function startsToken(text: string, i: number): boolean {
  if (i === 0) return true;
  const p = text.charCodeAt(i - 1);
  return p === SPACE || p === NL || p === 91 || p === 123 || p === 44 || p >= 0x80;
}

/** The whitespace a fast file can hold after a character: a space or a line break (any other counts as visible, which refuses more). */
function isSpaceOrBreak(c: number): boolean {
  return c === SPACE || c === NL;
}

/** What String.prototype.trimStart removes, line breaks aside. */
function isTrimSpace(c: number): boolean {
  return (
    c === SPACE ||
    c === TAB ||
    c === 11 ||
    c === 12 ||
    c === 13 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
