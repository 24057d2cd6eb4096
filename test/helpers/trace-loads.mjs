/**
 * `node --import ./trace-loads.mjs …` with AIMS_TRACE_LOADS=<file>: appends every module the
 * process loads to <file>, one path or URL a line (ES modules through a load hook, CommonJS
 * from require's cache at exit). For the start-up tests: which libraries a command loads.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const out = process.env.AIMS_TRACE_LOADS;

export async function load(url, context, next) {
  if (out) appendFileSync(out, `${url}\n`);
  return next(url, context);
}

if (isMainThread && out) {
  register(import.meta.url);
  const { _cache: cache } = createRequire(import.meta.url)('node:module');
  process.on('exit', () => appendFileSync(out, Object.keys(cache).map((file) => `${file}\n`).join('')));
}
