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
 * commented-out imports do not count). Nothing is parsed as a program, let alone run.
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
      return anchored(text, /^[ \t]*import[ \t]+(?:static[ \t]+)?([A-Za-z_][\w.]*)/gm);
    case 'ruby':
      return anchored(text, /^[ \t]*require[ \t(]+["']([^"'/]+)/gm);
    case 'rust':
      return anchored(text, /^[ \t]*(?:pub(?:\([^)]*\))?[ \t]+)?(?:use[ \t]+(?:::)?|extern[ \t]+crate[ \t]+)([A-Za-z_]\w*)/gm).filter((i) => !RUST_LOCAL.has(i.module));
    case 'csharp':
      return anchored(text, /^[ \t]*(?:global[ \t]+)?using[ \t]+(?:static[ \t]+)?(?:\w+[ \t]*=[ \t]*)?([A-Za-z_][\w.]*)[ \t]*;/gm);
  }
}

const RUST_LOCAL = new Set(['crate', 'self', 'super', 'std', 'core', 'alloc']);

function anchored(text: string, re: RegExp): ImportedModule[] {
  const line = lineLocator(text);
  const out: ImportedModule[] = [];
  for (const m of text.matchAll(re)) if (m[1]) out.push({ module: m[1], line: line(m.index) });
  return out;
}

export function pythonImports(text: string): ImportedModule[] {
  const line = lineLocator(text);
  const out: ImportedModule[] = [];
  const strings = tripleQuoted(text);
  for (const m of text.matchAll(/^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+([^\n#;]+))/gm)) {
    if (strings.some(([start, end]) => m.index > start && m.index < end)) continue; // a docstring line, not code
    const at = line(m.index);
    if (m[1]) out.push({ module: m[1], line: at });
    else for (const part of (m[2] ?? '').split(',')) {
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

function javascriptImports(text: string): ImportedModule[] {
  const line = lineLocator(text);
  const out: ImportedModule[] = [];
  const re = /(?:^[ \t]*(?:import|export|\})[^\n'"`]*?\bfrom[ \t]*|^[ \t]*import[ \t]*|\brequire[ \t]*\([ \t]*|\bimport[ \t]*\([ \t]*)(["'])([^"'\n]+)\1/gm;
  for (const m of text.matchAll(re)) {
    const spec = m[2] ?? '';
    // A line comment before a require() or import() on the same line.
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (/^\s*(\/\/|\*|\/\*)/.test(text.slice(lineStart, m.index + 1))) continue;
    const pkg = packageOf(spec);
    if (pkg) out.push({ module: pkg, line: line(m.index) });
  }
  return out;
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
