import type { Detection, ReadPlan, Signature } from '../../model/discover.js';
import { importsOf, pythonImports, sourceLanguage } from './imports.js';
import { manifestKind } from './manifests.js';
import { importSignature, packageSignature, type SignatureIndex } from './signature-index.js';
import { findHosts } from './hosts.js';
import { notebookCells } from './notebook-cells.js';
import { lineLocator } from './text-lines.js';

/** Bytes read from a model file: enough for every magic number and a Git LFS pointer's first line. */
export const HEADER_BYTES = 64;
const MANIFEST_MAX = 64 * 1024 * 1024;
const NOTEBOOK_MAX = 32 * 1024 * 1024;
const SOURCE_MAX = 2 * 1024 * 1024;

/** Files where a hosted AI endpoint may be written, beyond the source languages with import rules. */
const ENDPOINT_EXTENSIONS = new Set(['yaml', 'yml', 'json', 'toml', 'ini', 'cfg', 'conf', 'properties', 'env', 'tf', 'tfvars', 'xml', 'php', 'sh', 'bash', 'ps1', 'swift', 'dart', 'r', 'ex', 'exs', 'lua', 'c', 'cc', 'cpp', 'h', 'hpp']);
const LFS_POINTER = 'version https://git-lfs.github.com/spec/v1';

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Whether a file can indicate AI use at all, decided by its name alone: the rest are never opened. */
export function candidateOf(path: string, index: SignatureIndex): ReadPlan | undefined {
  if (manifestKind(path)) return { read: 'text', maxBytes: MANIFEST_MAX };
  const ext = extensionOf(path);
  if (index.extensions.has(ext)) return { read: 'header' };
  if (ext === '.ipynb') return { read: 'text', maxBytes: NOTEBOOK_MAX };
  if (sourceLanguage(path) || ENDPOINT_EXTENSIONS.has(ext.slice(1)) || isEnvFile(path)) return { read: 'text', maxBytes: SOURCE_MAX };
  return undefined;
}

function isEnvFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === '.env' || name.startsWith('.env.') || name === 'Dockerfile';
}

/** A model file by its name and first bytes: the header must carry the format's magic, or be a Git LFS pointer. */
export function detectInHeader(path: string, header: Uint8Array, index: SignatureIndex): Detection[] {
  const ext = extensionOf(path);
  const lfs = String.fromCharCode(...header.subarray(0, LFS_POINTER.length)) === LFS_POINTER;
  for (const s of index.extensions.get(ext) ?? []) {
    const magic = s.files?.magic ?? [];
    const confirmed = magic.length === 0 || magic.some((m) => m.bytes.every((b, i) => header[m.offset + i] === b));
    if (lfs || confirmed) {
      const d: Detection = { file: path, line: 1, signature: s.id, category: s.category, indicator: 'model-file', match: ext };
      if (lfs) d.note = 'Git LFS pointer';
      return [d];
    }
  }
  return [];
}

/** Every AI use a text file shows: dependencies (manifests), imports (sources, notebooks), endpoints. */
export function detectInText(path: string, text: string, index: SignatureIndex): Detection[] {
  const manifest = manifestKind(path);
  if (manifest) {
    const out: Detection[] = [];
    const seen = new Set<string>();
    for (const dep of manifest.parse(text, (name) => packageSignature(index, manifest.ecosystem, name) !== undefined)) {
      const s = packageSignature(index, manifest.ecosystem, dep.name);
      if (!s || seen.has(dep.name)) continue;
      seen.add(dep.name);
      const d = detection(path, dep.line, s, 'dependency', dep.name);
      if (manifest.lockfile) d.note = 'lockfile';
      out.push(d);
    }
    return out;
  }
  if (extensionOf(path) === '.ipynb') return notebook(path, text, index);
  const out: Detection[] = [];
  const language = sourceLanguage(path);
  if (language) {
    for (const imp of importsOf(language, text)) {
      const s = importSignature(index, language, imp.module);
      if (s) out.push(detection(path, imp.line, s, 'import', imp.module));
    }
  }
  out.push(...endpoints(path, text, index));
  return dedupe(out);
}

function detection(file: string, line: number, s: Signature, indicator: Detection['indicator'], match: string): Detection {
  return { file, line, signature: s.id, category: s.category, indicator, match };
}

function endpoints(path: string, text: string, index: SignatureIndex): Detection[] {
  if (!index.hostHint?.test(text)) return [];
  // Lower case keeps every line break where it was, so offsets in it are lines of the text.
  const lower = text.toLowerCase();
  const found = findHosts(lower, index.hosts);
  if (found.length === 0) return [];
  const line = lineLocator(lower);
  return found.map((f) => detection(path, line(f.at), f.value, 'endpoint', f.host));
}

/** One finding per signature, indicator and line: `import openai, openai.types` is one use. */
function dedupe(list: Detection[]): Detection[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.line}\0${d.signature}\0${d.indicator}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A Jupyter notebook: imports and `pip install`s in its code cells (never its Markdown or
 * outputs), each placed on the line of the notebook file that holds it.
 */
function notebook(path: string, text: string, index: SignatureIndex): Detection[] {
  const out: Detection[] = [];
  for (const { cellType, text: sourceLine, line: where } of notebookCells(text) ?? []) {
    if (cellType !== 'code') continue;
    for (const imp of pythonImports(sourceLine)) {
      const s = importSignature(index, 'python', imp.module);
      if (s) out.push(detection(path, where, s, 'import', imp.module));
    }
    const pips = sourceLine.split('\n').map((l) => /^[ \t]*[!%][ \t]*pip3?[ \t]+install[ \t]+(\S.*)/.exec(l)?.[1]);
    for (const arg of pips.flatMap((p) => p?.split(/\s+/) ?? [])) {
      const name = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(arg)?.[1];
      const s = name && !arg.startsWith('-') ? packageSignature(index, 'pypi', name) : undefined;
      if (s && name) out.push(detection(path, where, s, 'dependency', name));
    }
    out.push(...endpoints(path, sourceLine, index).map((d) => ({ ...d, line: where })));
  }
  return dedupe(out);
}
