/**
 * Mutations of valid records (examples/acme) for the property tests: structural edits of one
 * YAML document (a key deleted, a value of the wrong type, two values swapped, a key renamed)
 * and textual damage (truncated at a byte offset, a line deleted, duplicated, swapped,
 * re-indented, text inserted). The acme example is read once, as checkRepository reads it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { type Document, isMap, isNode, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import type { PathKind } from '../../src/model/snapshot.js';
import { indexFiles } from '../../src/workspace/file-index.js';
import { globMatcher } from '../../src/workspace/match-globs.js';
import { PROJECT_ROOT } from '../helpers/run.js';

export const ACME = path.join(PROJECT_ROOT, 'examples/acme');

export interface Acme {
  /** Record files, path → text, in path order. */
  files: Map<string, string>;
  /** Every path in the example (evidence included), for the evidence rules. */
  paths: Map<string, PathKind>;
  config: string;
}

export async function readAcme(): Promise<Acme> {
  const paths = await indexFiles(ACME);
  const isRecord = globMatcher(DEFAULT_CONFIG.records);
  const records = [...paths.keys()].filter((p) => p !== 'aims.yaml' && paths.get(p) === 'file' && isRecord(p)).sort();
  const files = new Map(records.map((p) => [p, readFileSync(path.join(ACME, p), 'utf8')]));
  return { files, paths, config: readFileSync(path.join(ACME, 'aims.yaml'), 'utf8') };
}

// ---------------------------------------------------------------------------------- structural

const WRONG_VALUES: readonly unknown[] = [
  42, -1, 3.5, 0, true, false, null, '', 'text', '2026-02-30', 'not-a-date', [], {}, ['a', 1], { nested: { deep: [1, 2] } },
  'x'.repeat(300), 'SYS-DOES-NOT-EXIST', 'ROLE-NOPE', '../../etc/passwd', 'http://insecure.example/x', 'A.99.9', '99.1', ['A.6.2.4', 'nope'],
];

export type StructuralEdit =
  | { op: 'delete'; at: number }
  | { op: 'retype'; at: number; value: unknown }
  | { op: 'swap'; at: number; with: number }
  | { op: 'rename'; at: number };

export const structuralEdit: fc.Arbitrary<StructuralEdit> = fc.oneof(
  fc.nat().map((at): StructuralEdit => ({ op: 'delete', at })),
  fc.tuple(fc.nat(), fc.constantFrom(...WRONG_VALUES)).map(([at, value]): StructuralEdit => ({ op: 'retype', at, value })),
  fc.tuple(fc.nat(), fc.nat()).map(([at, other]): StructuralEdit => ({ op: 'swap', at, with: other })),
  fc.nat().map((at): StructuralEdit => ({ op: 'rename', at })),
);

type YamlPath = (string | number)[];

/** Every key path below the document root, in document order. */
function pathsOf(doc: Document.Parsed): YamlPath[] {
  const out: YamlPath[] = [];
  const walk = (node: unknown, at: YamlPath): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const p = [...at, String(pair.key.value)];
        out.push(p);
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = [...at, i];
        out.push(p);
        walk(item, p);
      });
    }
  };
  walk(doc.contents, []);
  return out;
}

const isPrefix = (a: YamlPath, b: YamlPath): boolean => a.length <= b.length && a.every((s, i) => s === b[i]);
const copy = (value: unknown): unknown => (isNode(value) ? value.clone() : value);

function applyEdit(doc: Document.Parsed, edit: StructuralEdit): void {
  const paths = pathsOf(doc);
  const at = paths[edit.at % Math.max(1, paths.length)];
  if (!at) return;
  switch (edit.op) {
    case 'delete':
      doc.deleteIn(at);
      return;
    case 'retype':
      doc.setIn(at, doc.createNode(edit.value));
      return;
    case 'swap': {
      const other = paths[edit.with % paths.length];
      if (!other || isPrefix(at, other) || isPrefix(other, at)) return;
      const a = copy(doc.getIn(at, true));
      const b = copy(doc.getIn(other, true));
      doc.setIn(at, b);
      doc.setIn(other, a);
      return;
    }
    case 'rename': {
      const last = at[at.length - 1];
      if (typeof last !== 'string') return;
      const value = copy(doc.getIn(at, true));
      doc.deleteIn(at);
      // A typo: the last two letters swapped, or an `s` added.
      const typo = last.length > 2 ? last.slice(0, -2) + last.slice(-1) + last.slice(-2, -1) : `${last}s`;
      doc.setIn([...at.slice(0, -1), typo], value);
      return;
    }
  }
}

/** The file with `edits` applied to its document number `docIndex` (modulo the number of documents). */
export function editStructure(text: string, docIndex: number, edits: readonly StructuralEdit[]): string {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.length === 0) return text;
  const doc = docs[docIndex % docs.length];
  if (!doc) return text;
  for (const edit of edits) applyEdit(doc, edit);
  return docs.map((d, i) => {
    const s = String(d);
    return i > 0 && !s.startsWith('---') ? `---\n${s}` : s;
  }).join('');
}

/** The file with `key` deleted from the top level of document number `docIndex`, or undefined when it has no such key. */
export function deleteTopLevelKey(text: string, docIndex: number, key: string): string | undefined {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.length === 0) return undefined;
  const doc = docs[docIndex % docs.length];
  if (!doc || !isMap(doc.contents) || !doc.has(key)) return undefined;
  doc.delete(key);
  return docs.map((d, i) => {
    const s = String(d);
    return i > 0 && !s.startsWith('---') ? `---\n${s}` : s;
  }).join('');
}

// ------------------------------------------------------------------------------------- textual

export type TextEdit =
  | { op: 'truncate'; at: number }
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'swap-lines'; at: number }
  | { op: 'indent'; at: number; by: number }
  | { op: 'insert'; at: number; text: string };

export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((at): TextEdit => ({ op: 'truncate', at })) },
  fc.tuple(fc.constantFrom('delete-line' as const, 'duplicate-line' as const, 'swap-lines' as const), fc.nat()).map(([op, at]): TextEdit => ({ op, at })),
  fc.tuple(fc.nat(), fc.constantFrom(-2, -1, 1, 2, 4)).map(([at, by]): TextEdit => ({ op: 'indent', at, by })),
  fc
    .tuple(fc.nat(), fc.oneof(fc.constantFrom(':', '- ', '"', "'", '[', '{', '}', '&a ', '*a', '!!int ', '|', '#', '\t', '\n', '---\n', '\u0000', '\ufeff', '\r'), fc.string({ maxLength: 8 })))
    .map(([at, text]): TextEdit => ({ op: 'insert', at, text })),
);

/** The file's bytes after `edits` (a truncation may cut a UTF-8 sequence in half: then it is not UTF-8 any more). */
export function editText(text: string, edits: readonly TextEdit[]): Uint8Array {
  let bytes = Buffer.from(text, 'utf8');
  for (const edit of edits) {
    if (edit.op === 'truncate') {
      bytes = bytes.subarray(0, edit.at % (bytes.length + 1));
      continue;
    }
    const current = bytes.toString('utf8');
    let next: string;
    if (edit.op === 'insert') {
      const chars = Array.from(current);
      const at = edit.at % (chars.length + 1);
      next = chars.slice(0, at).join('') + edit.text + chars.slice(at).join('');
    } else {
      const lines = current.split('\n');
      const i = edit.at % lines.length;
      const line = lines[i] ?? '';
      switch (edit.op) {
        case 'delete-line':
          lines.splice(i, 1);
          break;
        case 'duplicate-line':
          lines.splice(i, 0, line);
          break;
        case 'swap-lines':
          lines.splice(i, 2, ...[lines[i + 1], line].filter((l): l is string => l !== undefined));
          break;
        case 'indent':
          lines[i] = edit.by > 0 ? ' '.repeat(edit.by) + line : line.replace(new RegExp(`^ {0,${-edit.by}}`), '');
          break;
      }
      next = lines.join('\n');
    }
    bytes = Buffer.from(next, 'utf8');
  }
  return new Uint8Array(bytes);
}

export interface Mutation {
  file: number;
  doc: number;
  structural: StructuralEdit[];
  textual: TextEdit[];
}

export const mutation: fc.Arbitrary<Mutation> = fc
  .record({
    file: fc.nat(),
    doc: fc.nat(),
    structural: fc.array(structuralEdit, { maxLength: 3 }),
    textual: fc.array(textEdit, { maxLength: 2 }),
  })
  .filter((m) => m.structural.length + m.textual.length > 0);

/** The path of the file a mutation changes, and its new bytes. */
export function applyMutation(acme: Acme, m: Mutation): { path: string; bytes: Uint8Array } {
  const paths = [...acme.files.keys()];
  const file = paths[m.file % paths.length] as string;
  const text = acme.files.get(file) as string;
  return { path: file, bytes: editText(editStructure(text, m.doc, m.structural), m.textual) };
}
