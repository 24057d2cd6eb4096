#!/usr/bin/env node
/**
 * Baseline B for the benchmark: the cost of doing nothing but parsing.
 *
 *   node test/bench/bare-parse.mjs <root>
 *
 * Finds the record files the way aims does (the `records` globs of aims.yaml, default
 * aims/**\/*.yaml and aims/**\/*.yml; .git and node_modules skipped), reads each one and parses
 * it with the `yaml` library (parseAllDocuments + toJS), single-threaded and synchronously.
 * No schema, no references, no evidence, no output formatting. Prints one JSON line:
 * {"files": n, "documents": n}, so the runner can check it saw every record.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse, parseAllDocuments } from 'yaml';

const DEFAULT_GLOBS = ['aims/**/*.yaml', 'aims/**/*.yml'];
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

const root = path.resolve(process.argv[2] ?? '.');

let globs = DEFAULT_GLOBS;
try {
  const config = parse(readFileSync(path.join(root, 'aims.yaml'), 'utf8'));
  if (Array.isArray(config?.records)) globs = config.records;
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
const isRecord = picomatch(globs);

/** Repository-relative paths of every file below root. */
function walk(rel, out) {
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(child, out);
    } else {
      out.push(child);
    }
  }
  return out;
}

const files = walk('', [])
  .filter((p) => p !== 'aims.yaml' && isRecord(p))
  .sort();
let documents = 0;
for (const rel of files) {
  const text = readFileSync(path.join(root, rel), 'utf8');
  for (const doc of parseAllDocuments(text)) {
    const value = doc.toJS();
    if (value !== null && value !== undefined) documents++;
  }
}
process.stdout.write(`${JSON.stringify({ files: files.length, documents })}\n`);
