import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import type { CST, Document, LineCounter, YAMLError } from 'yaml';
import { commentCutsValue, explainSyntaxError, mergedListItem } from './yaml-hints.js';
import type { RuleId } from '../model/codes.js';
import type { Diagnostic, Position } from '../model/diagnostic.js';

/** The only importer of `yaml` besides locate.ts: parses a stream and keeps the AST for locating. */

/** Nesting deeper than this is refused before the schema validator (which recurses) sees it. */
const require = createRequire(import.meta.url);
let library: typeof YamlModule | undefined;

/** `yaml`, loaded on first use: a warm `--cache` run whose files all read cleanly never needs it (it costs ~27 ms to load). */
export function yamlLibrary(): typeof YamlModule {
  library ??= require('yaml') as typeof YamlModule;
  return library;
}

export const MAX_DEPTH = 64;
/** Caps alias expansion so a "billion laughs" document cannot exhaust memory. */
export const MAX_ALIAS_COUNT = 1000;

/** At most this many YAML values (estimated) in one file; beyond it parsing would need hundreds of megabytes. */
export const MAX_NODES = 250_000;

export type YamlDocument = Document.Parsed;

export interface ParsedDocument {
  index: number;
  ast: YamlDocument;
  /** Plain data, or undefined when the document could not be turned into data. */
  value: unknown;
  /** The document holds nothing (only comments, or nothing at all). */
  empty: boolean;
  /** Syntax errors other than duplicate keys: the data is not trustworthy enough to validate. */
  broken: boolean;
  /** Where its text starts in the file, when it was parsed alone (parseDocumentsAlone); its ranges are relative to that. */
  shift?: number;
}

export interface ParsedFile {
  path: string;
  text: string;
  lineCounter: LineCounter;
  documents: ParsedDocument[];
  diagnostics: Diagnostic[];
}

export function parseYamlStream(path: string, text: string): ParsedFile {
  const lineCounter = linesOf(text);
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const report = (rule: RuleId, severity: Diagnostic['severity'], message: string, offset: number, hint?: string): void => {
    diagnostics.push({ rule, severity, message, location: { file: path, position: at(offset) }, ...(hint ? { hint } : {}) });
  };

  // The CST parser slows down quadratically with nesting depth (`[[[[…` on one line took
  // minutes), so nesting is measured on the text first, in one linear pass, whatever the layout.
  // A too-deep document is blanked (offsets and lines kept) and refused; the others are parsed.
  const deepDocuments = nestingBeyond(text, MAX_DEPTH);
  const parseText = deepDocuments.length > 0 ? blankDocuments(text, deepDocuments) : text;

  // Parsing costs about a kilobyte of memory per node, so a small file of a million `a,` items
  // would still take gigabytes: refuse what cannot be a sane record file before parsing it.
  const nodes = estimateNodes(parseText);
  if (nodes > MAX_NODES) {
    report('file/too-complex', 'error', `the file holds about ${nodes.toLocaleString('en')} YAML values, more than the ${MAX_NODES.toLocaleString('en')} aims reads from one file: split it into several files`, 0);
    return { path, text, lineCounter, documents: [], diagnostics };
  }

  let asts: YamlDocument[];
  /** Documents (by start offset) nested too deeply to compose: offset of the first collection past the limit. */
  const tooDeep = new Map<number, number>();
  try {
    // The CST parser is iterative, but the composer and toJS recurse once per nesting level:
    // thousands of nested `[` would exhaust the stack, and an overflow while V8 compiles a
    // regular expression aborts the whole process. So a too-deep document is never composed.
    const tokens = [...new (yamlLibrary().Parser)().parse(parseText)];
    for (const token of tokens) {
      if (token.type !== 'document' || !token.value) continue;
      const deep = offsetBeyondDepth(token.value, MAX_DEPTH);
      if (deep === undefined) continue;
      tooDeep.set(token.offset, deep);
      delete token.value;
    }
    asts = [...new (yamlLibrary().Composer)({ uniqueKeys: true, prettyErrors: false, logLevel: 'error' }).compose(tokens)] as YamlDocument[];
  } catch (error) {
    report('yaml/too-deep', 'error', `the YAML could not be parsed (${errorText(error)})`, 0);
    return { path, text, lineCounter, documents: [], diagnostics };
  }

  const documents = asts.map((ast, index): ParsedDocument => {
    let broken = false;
    let previous: YAMLError | undefined;
    for (const error of ast.errors) {
      const duplicate = error.code === 'DUPLICATE_KEY';
      if (!duplicate) broken = true;
      // One mistake, two parser errors at the same place (a key on a line indented too far): report it once.
      const echo = error.code === 'MULTILINE_IMPLICIT_KEY' && previous?.code === 'BLOCK_AS_IMPLICIT_KEY' && previous.pos[0] === error.pos[0];
      previous = error;
      if (echo) continue;
      if (duplicate) {
        report('yaml/duplicate-key', 'error', duplicateMessage(text, error), error.pos[0]);
        continue;
      }
      const explained = explainSyntaxError(error.code, firstLine(error), error.pos[0], text, yamlScalar);
      report('yaml/syntax', 'error', explained.message, explained.offset, explained.hint);
    }
    for (const warning of ast.warnings) report('yaml/syntax', 'warning', syntaxMessage(warning), warning.pos[0]);

    const next = asts[index + 1]?.range[0] ?? Infinity;
    const deep = tooDeep.get(ast.range[0]) ?? deepDocuments.find((d) => d.at >= ast.range[0] && d.at < next)?.at;
    if (deep !== undefined) {
      report('yaml/too-deep', 'error', `the document is nested more than ${MAX_DEPTH} levels deep`, deep);
      return { index, ast, value: undefined, empty: false, broken: true };
    }
    const contents = ast.contents;
    const empty = contents === null || (yamlLibrary().isScalar(contents) && contents.value === null && !contents.source);
    let value: unknown;
    try {
      value = ast.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      broken = true;
      const bomb = error instanceof ReferenceError && /excessive alias count/i.test(error.message);
      // A stack overflow means nesting too deep; anything else (an alias to no anchor) is a syntax problem.
      const rule = bomb ? 'yaml/alias-limit' : error instanceof RangeError ? 'yaml/too-deep' : 'yaml/syntax';
      report(
        rule,
        'error',
        bomb
          ? `aliases expand to too many nodes (over ${MAX_ALIAS_COUNT}): write the values out instead of nesting aliases`
          : `the document could not be read (${errorText(error)})`,
        ast.range[0],
      );
    }
    if (!broken) {
      for (const w of silentMistakes(ast, text)) report(w.rule, 'warning', w.message, w.offset, w.hint);
    }
    if (!broken && depthExceeds(value, MAX_DEPTH)) {
      broken = true;
      report('yaml/too-deep', 'error', `the document is nested more than ${MAX_DEPTH} levels deep`, ast.range[0]);
      value = undefined;
    }
    return { index, ast, value, empty, broken };
  });
  return { path, text, lineCounter, documents, diagnostics };
}

/**
 * Only the documents at `slices` (index → where its text is) of a stream, each parsed alone,
 * with positions as in the whole text: for locating into a file already read cleanly, where
 * parsing every document again would cost as much as the first read.
 */
export function parseDocumentsAlone(path: string, text: string, slices: ReadonlyMap<number, { start: number; end: number }>): ParsedFile {
  const documents: ParsedDocument[] = [];
  for (const [index, { start, end }] of slices) {
    const doc = parseYamlStream(path, text.slice(start, end)).documents[0];
    if (doc) documents[index] = { ...doc, index, shift: start };
  }
  return { path, text, lineCounter: linesOf(text), documents, diagnostics: [] };
}

/** Line starts from the text itself: yaml's Parser misses some line breaks (after an alias used as a key, inside scalars it skips while recovering from errors). */
function linesOf(text: string): LineCounter {
  const lineCounter = new (yamlLibrary().LineCounter)();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return lineCounter;
}

/**
 * One value written as a YAML scalar on one line, quoted exactly when YAML needs it (`: `,
 * ` #`, a leading `>` or `-`, text that would read as a number or true/false): what the
 * generators write every user-given value through. Line breaks and other control characters
 * are escaped inside double quotes, so a value can never start a new field.
 */
export function yamlScalar(value: string | number | boolean): string {
  const scalar = new (yamlLibrary().Scalar)(value);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be quoted
  if (typeof value === 'string' && /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) scalar.type = 'QUOTE_DOUBLE';
  return yamlLibrary().stringify(scalar, { lineWidth: 0, doubleQuotedAsJSON: true }).replace(/\n$/, '');
}

export function positionOf(file: ParsedFile, offset: number): Position {
  const { line, col } = file.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * An upper bound on the values in a YAML text: every value but the first is opened by an
 * indicator of its own (`: ` or `:` at a line end, `- `, `? `, a comma, a bracket or a
 * document marker). Plain lines, such as those of a long block scalar, open none.
 */
function estimateNodes(text: string): number {
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 91 || c === 123) count++; // , [ {
    else if (c === 58 || c === 45 || c === 63) {
      // `:`, `-` or `?` followed by a space, a tab or a line end.
      const next = text.charCodeAt(i + 1);
      if (next === 32 || next === 9 || next === 10 || next === 13 || Number.isNaN(next)) count++;
    }
  }
  return count;
}

/** A document of a stream (from `start` to `end`) nested too deeply, first at offset `at`. */
export interface DeepDocument {
  start: number;
  end: number;
  at: number;
}

/**
 * The documents whose nesting exceeds `limit`, by a linear over-estimate: flow brackets still
 * open (quotes and comments are not skipped: a record never holds dozens of unclosed
 * brackets, and so no quote can hide an attack) plus the compact block indicators (`- - -`,
 * `? `) that open a line. Nesting by indentation alone costs the parser nothing unusual, and is
 * measured exactly on the parse tree afterwards.
 */
export function nestingBeyond(text: string, limit: number): DeepDocument[] {
  const found: DeepDocument[] = [];
  let flow = 0;
  let docStart = 0;
  let hit: number | undefined;
  const endDocument = (end: number, nextStart: number): void => {
    if (hit !== undefined) found.push({ start: docStart, end, at: hit });
    hit = undefined;
    flow = 0;
    docStart = nextStart;
  };
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      // A document marker ends every collection: stray brackets in one record's prose do not add up across a stream.
      if ((text.startsWith('---', i) || text.startsWith('...', i)) && /^[ \t\r\n]?$/.test(text.charAt(i + 3))) {
        endDocument(i, i + 3);
        i += 2;
        continue;
      }
      if (hit !== undefined) continue;
      let j = i;
      while (text.charCodeAt(j) === 32) j++;
      let compact = 0;
      // `-`, `?` or `:` followed by a space or tab, repeated: each opens a collection.
      for (;;) {
        const indicator = text.charCodeAt(j);
        const after = text.charCodeAt(j + 1);
        if (!((indicator === 45 || indicator === 63 || indicator === 58) && (after === 32 || after === 9))) break;
        if (flow + ++compact > limit) {
          hit = j;
          break;
        }
        j += 2;
        while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
      }
      i = j - 1;
      continue;
    }
    if (hit !== undefined) continue;
    if (c === 91 || c === 123) {
      if (++flow > limit) hit = i;
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  endDocument(text.length, text.length);
  return found;
}

/** The text with each of `documents` replaced by spaces around a lone `~` (offsets and line breaks kept), so it parses as one empty document. */
function blankDocuments(text: string, documents: readonly DeepDocument[]): string {
  let out = '';
  let from = 0;
  for (const d of documents) {
    const blank = text
      .slice(d.start, d.end)
      .split('\n')
      .map((line) => ' '.repeat(line.length))
      .join('\n');
    // Not straight after `---`, which would make it part of the marker.
    const first = blank.indexOf(' ', d.start > 0 ? 1 : 0);
    out += text.slice(from, d.start) + (first === -1 ? blank : `${blank.slice(0, first)}~${blank.slice(first + 1)}`);
    from = d.end;
  }
  return out + text.slice(from);
}

function duplicateMessage(text: string, error: YAMLError): string {
  // yaml points at the start of the repeated key; read the key up to its colon.
  // At most 200 characters: the key is short or not shown, and the expression stays cheap on any line.
  const end = text.indexOf('\n', error.pos[0]);
  const rest = text.slice(error.pos[0], Math.min(end === -1 ? text.length : end, error.pos[0] + 200));
  const key = keyBeforeColon(rest);
  const shown = key && key.length <= 60 ? `\`${key}\`` : 'a key';
  return `duplicate key ${shown}: a key may appear only once in a mapping (YAML would silently keep the last one)`;
}

/** A quoted key, or a plain one up to its colon, at the start of `text`; undefined when there is none. A scan, not a regex: linear on any line. */
function keyBeforeColon(text: string): string | undefined {
  let end: number;
  if (text.startsWith('"') || text.startsWith("'")) {
    end = text.indexOf(text.charAt(0), 1) + 1;
    if (end === 0) return undefined;
  } else {
    end = 0;
    while (end < text.length && !':#{}[],'.includes(text.charAt(end))) end++;
  }
  let colon = end;
  while (text.charAt(colon) === ' ' || text.charAt(colon) === '\t') colon++;
  const key = text.slice(0, end).trim();
  return text.charAt(colon) === ':' && key !== '' ? key : undefined;
}

function syntaxMessage(error: YAMLError): string {
  return `YAML syntax: ${firstLine(error)}`;
}

/** yaml's message: its first line, without its own position suffix. */
function firstLine(error: YAMLError): string {
  const first = error.message.split('\n')[0] ?? error.message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Valid YAML that does not say what the user meant: an over-indented `- item` merged into the
 * item above, a ` #` that cut a value short. Warnings, since the YAML itself is valid.
 */
function silentMistakes(ast: YamlDocument, text: string): { rule: RuleId; message: string; hint: string; offset: number }[] {
  const out: { rule: RuleId; message: string; hint: string; offset: number }[] = [];
  yamlLibrary().visit(ast, {
    Scalar(_key, node, path) {
      if (node.type !== 'PLAIN' || !node.range || typeof node.value !== 'string') return;
      const [start, end] = node.range;
      if (yamlLibrary().isSeq(path[path.length - 1])) {
        const dash = mergedListItem(text, start, end);
        if (dash !== undefined) {
          out.push({
            rule: 'yaml/list-item-merged',
            message: `this \`- \` is indented more than the list item above, so YAML reads it as more text of that item ("${truncate(node.value, 40)}"), not as a new item`,
            hint: 'align its `-` with the `-` of the item above',
            offset: dash,
          });
        }
      }
      if (node.comment !== undefined && commentCutsValue(text, end)) {
        out.push({
          rule: 'yaml/comment-in-value',
          message: `\` #\` starts a comment, so the value is read as "${truncate(node.value, 40)}" and what follows the \`#\` is dropped`,
          hint: 'quote the value if the `#` belongs to it',
          offset: text.indexOf('#', end),
        });
      }
    },
  });
  return out;
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The offset of the first collection nested more than `limit` deep in a CST token, if any (iterative). */
function offsetBeyondDepth(root: CST.Token, limit: number): number | undefined {
  const stack: [CST.Token, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token, number];
    if (!('items' in token)) continue;
    if (depth >= limit) return token.offset;
    for (const item of token.items) {
      if ('key' in item && item.key) stack.push([item.key, depth + 1]);
      if ('value' in item) stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

/** Iterative, so that measuring depth cannot itself overflow the stack. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Records as a YAML stream (one document each), for files aims writes itself. */
export function stringifyStream(records: readonly object[], header = ''): string {
  const docs = records.map((r) => new (yamlLibrary().Document)(r).toString({ lineWidth: 0 }));
  return header + docs.join('---\n');
}

/** The source text of the scalar at `path` (what the user typed: `9.10`, not the number 9.1). */
export function sourceText(ast: YamlDocument, path: (string | number)[]): string | undefined {
  let node = ast.getIn(path, true);
  // `clauses: [*c]` with `&c 9.10` elsewhere: the source text is the anchored scalar's.
  const { isAlias, isScalar } = yamlLibrary();
  if (isAlias(node)) node = node.resolve(ast);
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}
