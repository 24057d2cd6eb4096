/**
 * The benchmark AIMS on disk, built once and cached under .bench/repos/.
 *
 *   import { benchFixture } from './fixture.mjs';
 *   const fx = benchFixture({ records: 10000, seed: 42, commits: 5000 });
 *
 * One folder per (records, commits, seed, version of the generator and history builder):
 *
 *   .bench/repos/<records>r-<commits>c-seed<seed>-<hash>/
 *     repo/          the generated AIMS as a git repository: HEAD is the generated tree, reached
 *                    through `commits` commits (history.mjs)
 *     plain/         the same tree without .git; commands run there with GIT_CEILING_DIRECTORIES
 *                    set to this folder, so git finds no repository (gap without history)
 *     json/          one JSON file per record, for ajv-cli (which reads one document per file)
 *     yaml/          one YAML file per record, for ajv-cli too: block YAML written for YAML 1.1
 *                    (dates and yes/no quoted), so that ajv-cli's js-yaml 3 reads exactly the
 *                    values aims reads (unquoted, it would turn dates into Date objects)
 *     fixture.json   what was built; written last, so a half-built folder is rebuilt
 *
 * A rerun with the same key reuses the folder (seconds instead of a minute); folders of the
 * same size, commits and seed built by an older generator are deleted.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { generateAims } from './generate.mjs';
import { buildHistory, gitSizeMB, listFiles } from './history.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(HERE, '../..');
export const CACHE_DIR = path.join(PROJECT_ROOT, '.bench/repos');

/** Changes to the generator or the history builder change the data: they are part of the key. */
function codeHash() {
  const h = createHash('sha1');
  for (const f of ['generate.mjs', 'history.mjs', 'fixture.mjs']) h.update(readFileSync(path.join(HERE, f)));
  h.update(readFileSync(path.join(PROJECT_ROOT, 'schemas/catalogue/iso-42001.yaml')));
  return h.digest('hex').slice(0, 8);
}

/** One JSON and one YAML file per record document (the records exactly as `yaml` reads them: dates stay strings). */
function writeSingleRecords(root, jsonDir, yamlDir) {
  mkdirSync(jsonDir, { recursive: true });
  mkdirSync(yamlDir, { recursive: true });
  let count = 0;
  for (const rel of listFiles(root)) {
    if (!rel.startsWith('aims/') || !/\.ya?ml$/.test(rel)) continue;
    const docs = parseAllDocuments(readFileSync(path.join(root, rel), 'utf8'));
    docs.forEach((doc, i) => {
      const value = doc.toJS();
      if (value === null || value === undefined) return;
      const name = `${rel.slice('aims/'.length).replace(/\.ya?ml$/, '').replace(/\//g, '__')}.${i}`;
      writeFileSync(path.join(jsonDir, `${name}.json`), JSON.stringify(value));
      writeFileSync(path.join(yamlDir, `${name}.yaml`), stringify(value, { version: '1.1', lineWidth: 0 }));
      count++;
    });
  }
  return count;
}

/**
 * @param {{ records: number, seed: number | string, commits: number, fresh?: boolean, log?: (line: string) => void }} options
 * @returns {{ dir: string, repo: string, plain: string, json: string, yaml: string, cached: boolean, summary: Record<string, unknown> }}
 */
export function benchFixture({ records, shape = 'default', seed, commits, fresh = false, log = () => {} }) {
  const hash = codeHash();
  const prefix = `${records}r-${shape === 'default' ? '' : `${shape}-`}${commits}c-seed${seed}-`;
  const dir = path.join(CACHE_DIR, `${prefix}${hash}`);
  const paths = { dir, repo: path.join(dir, 'repo'), plain: path.join(dir, 'plain'), json: path.join(dir, 'json'), yaml: path.join(dir, 'yaml') };
  const marker = path.join(dir, 'fixture.json');
  if (fresh) rmSync(dir, { recursive: true, force: true });
  if (existsSync(marker)) {
    const summary = JSON.parse(readFileSync(marker, 'utf8'));
    log(`using cached ${path.relative(PROJECT_ROOT, dir)} (${summary.generated.records} records, ${summary.history.commits} commits)`);
    return { ...paths, cached: true, summary };
  }
  // Stale builds of the same key (older generator), and a half-built folder.
  if (existsSync(CACHE_DIR)) {
    for (const name of readdirSync(CACHE_DIR)) if (name.startsWith(prefix)) rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
  }
  mkdirSync(paths.repo, { recursive: true });

  let t = performance.now();
  const generated = generateAims(paths.repo, { records, seed, shape });
  const generateMs = performance.now() - t;
  log(
    `generated ${generated.records} records in ${generated.recordFiles} files, ${generated.evidenceFiles} evidence files, ` +
      `${(generated.bytes / 1024 / 1024).toFixed(1)} MB, ${Math.round(generateMs)} ms`,
  );

  t = performance.now();
  const history = buildHistory(paths.repo, { commits, seed, scratch: dir });
  const historyMs = performance.now() - t;
  const gitMB = gitSizeMB(paths.repo);
  log(
    `git history: ${history.commits} commits, ${history.fileVersions} file versions, ${(history.streamBytes / 1024 / 1024).toFixed(0)} MB fast-import stream, ` +
      `.git ${gitMB.toFixed(0)} MB, ${Math.round(historyMs)} ms`,
  );

  t = performance.now();
  cpSync(paths.repo, paths.plain, { recursive: true, filter: (src) => path.basename(src) !== '.git' });
  const jsonRecords = writeSingleRecords(paths.repo, paths.json, paths.yaml);
  if (jsonRecords !== generated.records) throw new Error(`fixture bug: ${jsonRecords} JSON records, expected ${generated.records}`);
  log(`copy without git, ${jsonRecords} JSON and YAML records for ajv-cli: ${Math.round(performance.now() - t)} ms`);

  const summary = {
    key: path.basename(dir),
    built: new Date().toISOString(),
    generated: { ...generated, generateMs: Math.round(generateMs) },
    history: { ...history, ms: Math.round(historyMs), gitMB: Math.round(gitMB * 10) / 10 },
    jsonRecords,
  };
  writeFileSync(marker, `${JSON.stringify(summary, null, 2)}\n`);
  return { ...paths, cached: false, summary };
}
