import { fastLoad } from './fast-yaml.js';
import { nestingBeyond } from './parse-yaml.js';

/**
 * The fast parse path. A cheap scan sends every file that uses a construct where js-yaml and
 * `yaml` could read differently, or where aims needs the parse tree, to the reference parser;
 * the rest is parsed by js-yaml, document by document. A file that then produces any diagnostic
 * is parsed again by `yaml` (validate.ts), so positions and messages always come from one parser.
 */

/** One document of a stream as the reference parser numbers it, with the line its contents start on. */
export interface FastDocument {
  index: number;
  value: unknown;
  empty: boolean;
  line: number;
}

/** Larger files go to the reference path, which bounds their cost (MAX_NODES) before parsing. */
const MAX_FAST_CHARS = 200_000;
/** Deeper flow nesting goes to the reference path (which refuses beyond MAX_DEPTH); so does indentation of 48 columns or more (REFERENCE_ONLY). */
const MAX_FAST_FLOW = 16;

/**
 * What no fast file may contain: control characters and unusual line breaks, `__proto__`,
 * merge keys, anchors, aliases and tags (`&x`, `*x`, `!x` at the start of a token), complex
 * keys (`? `, `[a]: `, `{a}: `), a ` #` that may cut a value short (a warning the reference
 * parser gives), and directives or document markers with content on their line.
 */
const REFERENCE_ONLY: readonly RegExp[] = [
  // eslint-disable-next-line no-control-regex -- control characters are among what sends a file to the reference path
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/,
  /__proto__|<</,
  /(?:^|[\s[{,])[&*!]\S/m,
  /(?:^|\s)\?(?:\s|$)/m,
  /[\]}][ \t]*:/,
  /[ \t]#\S/,
  /^(?:%|\.\.\.|---[ \t]*\S| {48})/m,
];

/** The file's documents by the fast parser, or undefined when it must take the reference path. */
export function fastParseStream(text: string): FastDocument[] | undefined {
  if (text.length > MAX_FAST_CHARS || REFERENCE_ONLY.some((pattern) => pattern.test(text))) return undefined;
  if (nestingBeyond(text, MAX_FAST_FLOW).length > 0) return undefined;
  const documents: FastDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    if (chunk.contentAt === undefined) {
      documents.push({ index: documents.length, value: null, empty: true, line: chunk.contentLine });
      continue;
    }
    const loaded = fastLoad(text.slice(chunk.start, chunk.end));
    if (!loaded || !readsAlike(loaded.value)) return undefined;
    documents.push({ index: documents.length, value: loaded.value, empty: false, line: chunk.contentLine });
  }
  return documents;
}

/**
 * Where each document's text is, by index as `yaml` numbers them. Only for a file the fast
 * path read cleanly: its documents are split exactly as `yaml` splits them.
 */
export function documentSlices(text: string): { start: number; end: number }[] {
  return splitDocuments(text).map(({ start, end }) => ({ start, end }));
}

interface Chunk {
  start: number;
  end: number;
  /** Offset of its first character outside blank lines and comments, if any. */
  contentAt?: number;
  contentLine: number;
}

/**
 * The documents of a stream as `yaml` numbers them: one per `---` line, plus the text before
 * the first marker when it holds content (blank lines and comments alone make no document).
 */
function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk = { start: 0, end: text.length, contentLine: 1 };
  let marked = false;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const body = text.slice(start, end);
    if (body === '---' || /^---[ \t]*$/.test(body)) {
      current.end = start;
      if (marked || current.contentAt !== undefined) chunks.push(current);
      marked = true;
      current = { start: end, end: text.length, contentLine: line };
    } else if (current.contentAt === undefined) {
      const trimmed = body.trimStart();
      if (trimmed !== '' && !trimmed.startsWith('#')) {
        current.contentAt = start + body.length - trimmed.length;
        current.contentLine = line;
      }
    }
    start = end + 1;
  }
  if (marked || current.contentAt !== undefined) chunks.push(current);
  return chunks;
}

/**
 * Data on which the two parsers could still disagree, or where aims reads the source text:
 * a `null` key (yaml makes it ""), a list item that swallowed a more-indented `- ` line (a
 * warning on the reference path), and numbers where aims keeps the digits as written (clause
 * ids, audit scope and finding refs, nonconformity refs; see normalise.ts).
 */
function readsAlike(value: unknown): boolean {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (hasNumber(record['clauses']) || hasNumber(record['scope']) || typeof record['ref'] === 'number') return false;
    if (Array.isArray(record['findings']) && record['findings'].some((f) => f !== null && typeof f === 'object' && typeof (f as Record<string, unknown>)['ref'] === 'number')) return false;
  }
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const item of current) {
        if (typeof item === 'string' && item.includes(' - ')) return false;
        stack.push(item);
      }
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      if (key === 'null') return false;
      stack.push(child);
    }
  }
  return true;
}

function hasNumber(list: unknown): boolean {
  return Array.isArray(list) && list.some((item) => typeof item === 'number');
}
