import type { Language } from '../../model/discover.js';
import { lineLocator } from './text-lines.js';

/** A module as an import statement names it, and its line. */
export interface ImportedModule {
  module: string;
  line: number;
}

const EXTENSIONS: Record<string, Language> = {
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'javascript',
  tsx: 'javascript',
  mts: 'javascript',
  cts: 'javascript',
  vue: 'javascript',
  svelte: 'javascript',
  go: 'go',
  java: 'java',
  kt: 'java',
  scala: 'java',
  rb: 'ruby',
  rs: 'rust',
  cs: 'csharp',
};

export function sourceLanguage(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? EXTENSIONS[path.slice(dot + 1).toLowerCase()] : undefined;
}

/**
 * Import statements, read as text by regular expressions anchored at the start of a line (so
 * commented-out imports do not count). Nothing is parsed as a program, let alone run. Each
 * expression is linear in the text (test/unit/regex-safety.test.ts checks them): one line's
 * text never spans a line break, as `[^\n]` alone would let it do after a `\r`.
 */
export function importsOf(language: Language, text: string): ImportedModule[] {
  switch (language) {
    case 'python':
      return pythonImports(text);
    case 'javascript':
      return javascriptImports(text);
    case 'go':
      return goImports(text);
    case 'java':
      return anchored(text, [/^[ \t]*import[ \t]+(?:static[ \t]+)?([A-Za-z_][\w.]*)/gm]);
    case 'ruby':
      return anchored(text, [/^[ \t]*require[ \t(]+["']([^"'/]+)/gm]);
    case 'rust':
      return anchored(text, [/^[ \t]*(?:pub(?:\([\w: ]*\))?[ \t]+)?use[ \t]+(?:::)?([A-Za-z_]\w*)/gm, /^[ \t]*extern[ \t]+crate[ \t]+([A-Za-z_]\w*)/gm]).filter((i) => !RUST_LOCAL.has(i.module));
    case 'csharp':
      return anchored(text, [/^[ \t]*(?:global[ \t]+)?using[ \t]+(?:static[ \t]+)?(?:\w+[ \t]*=[ \t]*)?([A-Za-z_][\w.]*)[ \t]*;/gm]);
  }
}

const RUST_LOCAL = new Set(['crate', 'self', 'super', 'std', 'core', 'alloc']);

/** Group 1 of every match of each expression, in the order they stand in the text. */
function anchored(text: string, expressions: readonly RegExp[]): ImportedModule[] {
  const line = lineLocator(text);
  const found: [number, string][] = [];
  for (const re of expressions) for (const m of text.matchAll(re)) if (m[1]) found.push([m.index, m[1]]);
  if (expressions.length > 1) found.sort((a, b) => a[0] - b[0]);
  return found.map(([at, module]) => ({ module, line: line(at) }));
}

export function pythonImports(text: string): ImportedModule[] {
  const line = lineLocator(text);
  const out: ImportedModule[] = [];
  const strings = tripleQuoted(text);
  // Both lists are in text order, so one pass over the docstrings serves every import line.
  let next = 0;
  const inDocstring = (at: number): boolean => {
    while (next < strings.length && (strings[next] as [number, number])[1] <= at) next++;
    const range = strings[next];
    return range !== undefined && at > range[0] && at < range[1];
  };
  const found: [number, string | undefined, string | undefined][] = [];
  for (const m of text.matchAll(/^[ \t]*from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b/gm)) found.push([m.index, m[1], undefined]);
  for (const m of text.matchAll(/^[ \t]*import[ \t]+([^\n#;]+)/gm)) found.push([m.index, undefined, m[1]]);
  found.sort((a, b) => a[0] - b[0]);
  for (const [index, from, names] of found) {
    if (inDocstring(index)) continue; // a docstring line, not code
    const at = line(index);
    if (from) out.push({ module: from, line: at });
    else for (const part of (names ?? '').split(',')) {
      const name = /^\s*([A-Za-z_][\w.]*)/.exec(part)?.[1];
      if (name) out.push({ module: name, line: at });
    }
  }
  return out;
}

/** Offsets of Python's triple-quoted strings (docstrings), where an "import" line is prose. */
function tripleQuoted(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let open: { at: number; quote: string } | undefined;
  for (const m of text.matchAll(/"{3}|'{3}/g)) {
    if (!open) open = { at: m.index, quote: m[0] };
    else if (m[0] === open.quote) {
      ranges.push([open.at, m.index]);
      open = undefined;
    }
  }
  if (open) ranges.push([open.at, text.length]);
  return ranges;
}

/** `import … from 'x'` (also a multi-line import's closing `} from 'x'`), `import 'x'`, `require('x')`, `import('x')`. */
const JS_IMPORTS = [
  /^[ \t]*(?:import|export|\})[^\n\r\u2028\u2029'"`]*?\bfrom[ \t]*(["'])([^"'\n]+)\1/gm,
  /^[ \t]*import[ \t]*(["'])([^"'\n]+)\1/gm,
  /\b(?:require|import)[ \t]*\([ \t]*(["'])([^"'\n]+)\1/g,
];

function javascriptImports(text: string): ImportedModule[] {
  const line = lineLocator(text);
  const found = new Map<number, string>();
  for (const re of JS_IMPORTS) {
    for (const m of text.matchAll(re)) {
      // A line comment before a require() or import() on the same line.
      if (isCommentStart(text, line.startOf(m.index), m.index)) continue;
      const pkg = packageOf(m[2] ?? '');
      if (pkg) found.set(m.index, pkg);
    }
  }
  return [...found].sort((a, b) => a[0] - b[0]).map(([at, module]) => ({ module, line: line(at) }));
}

/** Whether the text from a line's start up to `end` begins (after blanks) with `//`, `/*` or a comment block's `*`. */
function isCommentStart(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === '*' || (text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*'));
}

/** 'openai/resources' → 'openai'; '@langchain/core/prompts' → '@langchain/core'; relative and built-in → undefined. */
function packageOf(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.includes(':')) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : undefined) : parts[0];
}

function goImports(text: string): ImportedModule[] {
  const out: ImportedModule[] = [];
  let block = false;
  text.split('\n').forEach((raw, i) => {
    if (block) {
      if (/^\s*\)/.test(raw)) block = false;
      else {
        const m = /^\s*(?:[\w.]+\s+)?"([^"]+)"/.exec(raw);
        if (m?.[1]) out.push({ module: m[1], line: i + 1 });
      }
      return;
    }
    if (/^\s*import\s*\(/.test(raw)) block = true;
    const single = /^\s*import\s+(?:[\w.]+\s+)?"([^"]+)"/.exec(raw);
    if (single?.[1]) out.push({ module: single[1], line: i + 1 });
  });
  return out;
}
