import type { Document, Node, Pair } from 'yaml';
import type { Location, Position } from '../model/diagnostic.js';
import type { ParsedDocument, ParsedFile } from './parse-yaml.js';
import { positionOf, yamlLibrary } from './parse-yaml.js';
import { parsePointer } from './pointer.js';

/**
 * Resolves a structural location (document, JSON pointer, key or value) to a 1-based position.
 * Walks as deep as the pointer exists ("closest node"): a pointer to a missing field lands on
 * its parent. A null value (`owner:` with nothing after it) falls back to its key.
 */
export function locate(file: ParsedFile, location: Location): Position {
  if (location.position) return location.position;
  const doc = file.documents[location.document ?? 0];
  if (!doc) return { line: 1, column: 1 };
  const offset = offsetOf(doc, location.pointer ?? '', location.target ?? 'value');
  return positionOf(file, offset + (doc.shift ?? 0));
}

function offsetOf(doc: ParsedDocument, pointer: string, target: 'key' | 'value'): number {
  const { isMap, isNode, isScalar } = yamlLibrary();
  const root = doc.ast.contents;
  if (!root) return doc.ast.range[0];
  let node: Node = root;
  let pair: Pair | undefined;
  let complete = true;
  for (const segment of parsePointer(pointer)) {
    const next = child(doc.ast, node, segment);
    if (!next) {
      complete = false;
      break;
    }
    node = next.node;
    pair = next.pair; // undefined for a sequence item: a key target then means the item's first key
  }
  if (target === 'key' && complete) {
    if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    // A key target at the document root: its first key.
    if (!pair && isMap(node)) {
      const first = node.items[0];
      if (first && isNode(first.key) && first.key.range) return first.key.range[0];
    }
  }
  const key = pair && isNode(pair.key) ? pair.key : undefined;
  // A missing field lands on its parent's key; a null value on its own key.
  const isNull = isScalar(node) && node.value === null && !node.source;
  if (key?.range && (!complete || isNull)) return key.range[0];
  return node.range?.[0] ?? doc.ast.range[0];
}

function child(doc: Document, node: Node, segment: string): { node: Node; pair?: Pair } | undefined {
  const { isMap, isNode, isPair, isSeq } = yamlLibrary();
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = item.key;
      if (isNode(key) && keyName(doc, key) === segment) {
        const value = item.value;
        // `owner:` with no value has a null node; point at the key instead.
        if (!isNode(value)) return { node: key, pair: item };
        return { node: value, pair: item };
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    const index = Number(segment);
    const item: unknown = Number.isInteger(index) ? node.items[index] : undefined;
    return isNode(item) ? { node: item } : undefined;
  }
  return undefined;
}

/**
 * The name a key has in the record's JavaScript object, as the yaml library gives it: `null:`
 * becomes '', and a complex key (`? [a, b]`) its flow text `[ a, b ]`. Only such rare keys pay
 * for the library's own conversion of a one-pair map.
 */
function keyName(doc: Document, key: Node): string {
  const { isScalar, Pair, YAMLMap } = yamlLibrary();
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean')) return String(key.value);
  if (isScalar(key) && key.value === null) return '';
  // A YAML 1.1 merge key (`<<`) is a symbol; converting it would try to merge and throw.
  if (isScalar(key) && typeof key.value === 'symbol') return key.source ?? '';
  const single = new YAMLMap();
  single.items.push(new Pair(key, null));
  return Object.keys(single.toJS(doc) as object)[0] ?? '';
}
