import type { Location, Position } from '../model/diagnostic.js';
import { parsePointer } from './pointer.js';

/**
 * Locating without a parse tree, for documents the fast path read cleanly (fast-route.ts): the
 * cross-record rules point into many such documents (every placeholder URL, every unknown
 * reference), and parsing each again with `yaml` only to find a line cost as much as reading it.
 *
 * It reads the block layout line by line and answers as locate.ts does with the `yaml` tree
 * (the same "closest node" rules); for anything outside the plain layout it knows for certain
 * (flow collections walked into, quoted or flow values spread over lines, keys that are not
 * plain words, empty list items, nested `- - `) it answers undefined, and the caller parses the
 * document with `yaml` after all. The fast path has already excluded tabs, anchors, aliases,
 * tags, complex keys, directives and duplicate keys. test/unit/load/locate-lines.test.ts holds
 * it to locate.ts on every location of every fast document in the fixtures and examples.
 */

/** A value in the block layout: where `yaml` says it starts, and for collections what is inside. */
type LineNode =
  | { kind: 'map'; at: number; entries: Map<string, { keyAt: number; value: LineNode | undefined }> }
  | { kind: 'seq'; at: number; items: LineNode[] }
  /** A scalar, or a flow collection on one line (not walked into). */
  | { kind: 'leaf'; at: number; flow: boolean };

interface Line {
  /** Offset of the line's first character, and of its first one after the indentation. */
  start: number;
  at: number;
  indent: number;
  /** The line from `at` to its end. */
  text: string;
}

class Unsure extends Error {}

/** A plain key: a word that both parsers read as the same string (not null, true or false, not a number). */
const PLAIN_KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: |$)/;
const NOT_A_STRING_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/**
 * The position of `location` in the document at `slice` of `text`, or undefined when the
 * layout is not one read here with certainty.
 */
export function locateInLines(text: string, slice: { start: number; end: number }, location: Location): Position | undefined {
  try {
    const lines = contentLines(text, slice);
    const first = lines[0];
    if (!first) return undefined;
    const cursor = { i: 0 };
    const root = parseNode(lines, cursor, first.indent);
    if (cursor.i !== lines.length) return undefined;
    const offset = offsetOf(root, location.pointer ?? '', location.target ?? 'value');
    return offset === undefined ? undefined : positionAt(text, offset);
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
}

/** As locate.ts's offsetOf, over the line tree. */
function offsetOf(root: LineNode, pointer: string, target: 'key' | 'value'): number | undefined {
  let node: LineNode = root;
  let keyAt: number | undefined; // of the last step, when it was a mapping's key
  let complete = true;
  let isNull = false;
  for (const segment of parsePointer(pointer)) {
    // Below a null (`key:` alone) there is nothing: locate.ts stops at its key as well.
    if (isNull || (node.kind === 'leaf' && !node.flow)) {
      complete = false;
      break;
    }
    if (node.kind === 'leaf') return undefined; // into a flow collection: only `yaml` walks there
    if (node.kind === 'map') {
      const entry = node.entries.get(segment);
      if (!entry) {
        complete = false;
        break;
      }
      keyAt = entry.keyAt;
      if (entry.value) node = entry.value;
      else isNull = true;
      continue;
    }
    const index = Number(segment);
    const item = Number.isInteger(index) ? node.items[index] : undefined;
    if (!item) {
      complete = false;
      break;
    }
    node = item;
    keyAt = undefined;
  }
  if (target === 'key' && complete) {
    if (keyAt !== undefined) return keyAt;
    if (node.kind === 'map') return node.entries.values().next().value?.keyAt;
    if (node.kind === 'leaf' && node.flow) return undefined; // the first key inside `{…}`: only `yaml` reads there
  }
  if (keyAt !== undefined && (!complete || isNull)) return keyAt;
  return node.at;
}

/** The document's lines that hold content (not blank, not only a comment), with their indentation. */
function contentLines(text: string, slice: { start: number; end: number }): Line[] {
  const lines: Line[] = [];
  for (let start = slice.start; start < slice.end; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 || newline > slice.end ? slice.end : newline;
    let at = start;
    while (at < end && text.charCodeAt(at) === 0x20) at++;
    const body = text.slice(at, end);
    const content = body.replace(/\r$/, '');
    if (content.trim() !== '' && !content.startsWith('#')) lines.push({ start, at, indent: at - start, text: content });
    start = end + 1;
  }
  return lines;
}

/** The node whose first line is lines[cursor.i], at `indent`. */
function parseNode(lines: readonly Line[], cursor: { i: number }, indent: number): LineNode {
  const line = lines[cursor.i] as Line;
  if (isItem(line.text)) return parseSeq(lines, cursor, indent);
  if (PLAIN_KEY.test(line.text)) return parseMap(lines, cursor, indent, line.at);
  throw new Unsure();
}

function isItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** A block mapping whose keys start at column `indent` (the first one at `firstAt`, which may follow a `- `). */
function parseMap(lines: readonly Line[], cursor: { i: number }, indent: number, firstAt: number): LineNode {
  const entries = new Map<string, { keyAt: number; value: LineNode | undefined }>();
  let keyAt = firstAt;
  let rest = (lines[cursor.i] as Line).text.slice(firstAt - (lines[cursor.i] as Line).at);
  for (;;) {
    const key = PLAIN_KEY.exec(rest);
    if (!key || NOT_A_STRING_KEY.test(key[1] as string) || entries.has(key[1] as string)) throw new Unsure();
    const after = keyAt + key[0].length;
    cursor.i++;
    entries.set(key[1] as string, { keyAt, value: valueAfter(lines, cursor, indent, rest.slice(key[0].length), after, true) });
    const next = lines[cursor.i];
    if (!next || next.indent < indent) break;
    if (next.indent > indent) throw new Unsure();
    keyAt = next.at;
    rest = next.text;
  }
  return { kind: 'map', at: firstAt, entries };
}

/** A block sequence whose dashes are at column `indent`. */
function parseSeq(lines: readonly Line[], cursor: { i: number }, indent: number): LineNode {
  const items: LineNode[] = [];
  const at = (lines[cursor.i] as Line).at;
  for (;;) {
    const line = lines[cursor.i] as Line;
    const rest = line.text.slice(1);
    const blanks = rest.length - rest.trimStart().length;
    const content = rest.slice(blanks);
    const itemAt = line.at + 1 + blanks;
    if (isItem(content)) throw new Unsure(); // `- - a`
    if (PLAIN_KEY.test(content)) {
      items.push(parseMap(lines, cursor, indent + 1 + blanks, itemAt));
    } else {
      cursor.i++;
      const value = valueAfter(lines, cursor, indent, content, itemAt, false);
      if (!value) throw new Unsure(); // an empty item
      items.push(value);
    }
    const next = lines[cursor.i];
    if (!next || next.indent < indent) break;
    if (next.indent > indent || !isItem(next.text)) {
      if (next.indent === indent) break; // a key of the mapping that holds this sequence
      throw new Unsure();
    }
  }
  return { kind: 'seq', at, items };
}

/**
 * The value after a key's `:` or an item's `-` (`rest`, starting at offset `at`), with the
 * lines below it that belong to it; undefined for a null without source (`key:` alone).
 * `ofKey`: a key's value may be a sequence at the key's own column.
 */
function valueAfter(lines: readonly Line[], cursor: { i: number }, indent: number, rest: string, at: number, ofKey: boolean): LineNode | undefined {
  const blanks = rest.length - rest.trimStart().length;
  const content = rest.slice(blanks);
  if (content !== '' && !content.startsWith('#')) {
    const start = at + blanks;
    const first = content.charAt(0);
    if ((first === '"' || first === "'" || first === '[' || first === '{') && !closesOnLine(content)) throw new Unsure();
    // What follows on more indented lines continues this value (a plain scalar's next lines, a block scalar's text).
    while ((lines[cursor.i]?.indent ?? -1) > indent) cursor.i++;
    return { kind: 'leaf', at: start, flow: first === '[' || first === '{' };
  }
  const next = lines[cursor.i];
  if (!next || next.indent < indent) return undefined;
  if (next.indent === indent) return ofKey && isItem(next.text) ? parseSeq(lines, cursor, indent) : undefined;
  const child = parseNode(lines, cursor, next.indent);
  const after = lines[cursor.i];
  if (after && after.indent > indent) throw new Unsure();
  return child;
}

/**
 * Whether a quoted scalar or flow collection that starts `content` ends on this line, with
 * only blanks or a comment after it: else it spans lines, which only `yaml` locates into.
 */
function closesOnLine(content: string): boolean {
  let depth = 0;
  let i = 0;
  for (; i < content.length; i++) {
    const c = content.charAt(i);
    if (c === '"' || c === "'") {
      const end = quoteEnd(content, i);
      if (end === -1) return false;
      i = end;
      if (depth === 0) break;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) break;
    }
  }
  if (i >= content.length) return false;
  const tail = content.slice(i + 1).trim();
  return tail === '' || tail.startsWith('#');
}

/** Where the quote opened at `from` closes (`''` is a quote inside single quotes, `\"` inside double), or -1. */
function quoteEnd(content: string, from: number): number {
  const quote = content.charAt(from);
  for (let i = from + 1; i < content.length; i++) {
    const c = content.charAt(i);
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && content.charAt(i + 1) === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** 1-based line and column of an offset, counting `\n` as yaml's line counter does. */
function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
