import { fastLoad } from './fast-yaml.js';
import { documentsOfScanned, scanDocuments } from './fast-scan.js';

/**
 * The fast parse path. A cheap scan sends every file that uses a construct where js-yaml and
 * `yaml` could read differently, or where aims needs the parse tree, to the reference parser;
 * the rest is parsed by js-yaml, document by document. A file that then produces any diagnostic
 * is parsed again by `yaml` (validate.ts), so positions and messages always come from one parser.
 */

/** `fast`: js-yaml where the scan allows, `yaml` for the rest and for every file with a diagnostic; `reference`: `yaml` for all. */
export type ParsePath = 'fast' | 'reference';

/** One document of a stream as the reference parser numbers it, with the line its contents start on. */
export interface FastDocument {
  index: number;
  value: unknown;
  empty: boolean;
  line: number;
}

/** Larger files go to the reference path, which bounds their cost (MAX_NODES) before parsing. */
const MAX_FAST_CHARS = 200_000;

/** The file's documents by the fast parser, or undefined when it must take the reference path (see fast-scan.ts for what sends it there). */
export function fastParseStream(text: string): FastDocument[] | undefined {
  if (text.length > MAX_FAST_CHARS) return undefined;
  const chunks = scanDocuments(text);
  if (!chunks) return undefined;
  const documents: FastDocument[] = [];
  for (const chunk of chunks) {
    if (!chunk.content) {
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
  return documentsOfScanned(text);
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
    for (const key of Object.keys(current)) {
      if (key === 'null') return false;
      stack.push((current as Record<string, unknown>)[key]);
    }
  }
  return true;
}

function hasNumber(list: unknown): boolean {
  return Array.isArray(list) && list.some((item) => typeof item === 'number');
}
