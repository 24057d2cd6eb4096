import { isUtf8 } from 'node:buffer';
import type { FileProblem } from '../model/snapshot.js';

const BOM = 0xfeff;

/**
 * Bytes → text, refusing what would corrupt a report: binary content (NUL bytes) and invalid
 * UTF-8 (a silently replaced character would change what an auditor reads). A BOM is dropped.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: FileProblem } {
  if (bytes.includes(0)) {
    return { problem: { rule: 'file/binary', message: 'this is a binary file, not YAML text' } };
  }
  // Node's native check first; the scan below only finds where the first bad byte is.
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const before = Buffer.from(bytes.subarray(0, bad)).toString('utf8');
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return {
      problem: {
        rule: 'file/encoding',
        message: `invalid UTF-8 at byte ${bad}: save the file as UTF-8`,
        line,
        column,
      },
    };
  }
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === BOM) text = text.slice(1);
  return { text };
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
