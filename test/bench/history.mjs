/**
 * Git history for a generated benchmark AIMS, written in one `git fast-import` run.
 *
 *   import { buildHistory } from './history.mjs';
 *   const summary = buildHistory(dir, { commits: 5000, seed: 42 });
 *
 * `dir` holds the files generate.mjs wrote (the final state). buildHistory makes `dir` a git
 * repository whose HEAD tree is exactly those files, reached through `commits` commits:
 *
 *   - commit 1 adds every file (record files that change later in an earlier version);
 *   - commits 2..N each change 1-3 record files, chosen at random (seeded), so every record
 *     file has on average commits x 2 / files versions; the last change of a file writes its
 *     final text, earlier ones an older version in which every `updated:` date is 7 days
 *     earlier per change still to come (a real field change, which `aims diff` reports);
 *   - author and committer dates are fixed, spread evenly from 2025-01-01 to 2026-11-15, and
 *     the authors come from a fixed list, so the commit ids are the same on every machine.
 *
 * The stream is generated into a temporary file and piped to `git fast-import` (no working
 * tree or index updates per commit: 5,000 commits take seconds, not minutes). Afterwards the
 * index is rebuilt from HEAD and `git status` must be clean.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

const AUTHORS = [
  ['Sofia Lindqvist', 'sofia.lindqvist'],
  ['Marcus Oyelaran', 'marcus.oyelaran'],
  ['Aoife Brennan', 'aoife.brennan'],
  ['Priya Natarajan', 'priya.natarajan'],
  ['Daniel Reyes', 'daniel.reyes'],
  ['Chen Wei', 'chen.wei'],
  ['Helen Okafor', 'helen.okafor'],
  ['Jonas Becker', 'jonas.becker'],
];
const FIRST = Date.UTC(2025, 0, 1, 9) / 1000;
const LAST = Date.UTC(2026, 10, 15, 17) / 1000;
const DAY = 86_400_000;
const UPDATED = /^(\s*(?:- )?updated: )(\d{4}-\d{2}-\d{2})$/gm;

/** mulberry32, as in generate.mjs (a different stream: the seed is mixed). */
function createRng(seed) {
  let a = (Number(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Repository-relative paths of every file below root (.git skipped), sorted. */
export function listFiles(root, rel = '', out = []) {
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) listFiles(root, child, out);
    else out.push(child);
  }
  return rel === '' ? out.sort() : out;
}

/** The file as it was `laterChanges` changes before its final version. */
export function olderVersion(text, laterChanges) {
  if (laterChanges === 0) return text;
  return text.replace(UPDATED, (_, lead, date) => `${lead}${new Date(Date.parse(date) - laterChanges * 7 * DAY).toISOString().slice(0, 10)}`);
}

function git(cwd, args, options = {}) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Buffered writes to a file descriptor (fast-import streams run to hundreds of MB). */
function writer(fd) {
  const chunks = [];
  let size = 0;
  let total = 0;
  const flush = () => {
    if (size === 0) return;
    writeSync(fd, Buffer.concat(chunks, size));
    chunks.length = 0;
    size = 0;
  };
  return {
    write(data) {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      chunks.push(buf);
      size += buf.length;
      total += buf.length;
      if (size > 8 * 1024 * 1024) flush();
    },
    end() {
      flush();
      return total;
    },
  };
}

/**
 * @param {string} root  a folder with the final files and no .git yet
 * @param {{ commits?: number, seed?: number | string, scratch: string }} options  scratch: where the stream file goes
 * @returns {{ commits: number, recordFiles: number, fileVersions: number, streamBytes: number, head: string }}
 */
export function buildHistory(root, { commits = 5000, seed = 42, scratch }) {
  if (!Number.isInteger(commits) || commits < 1) throw new Error(`commits must be a whole number >= 1, not ${commits}`);
  const files = listFiles(root);
  const records = files.filter((p) => p.startsWith('aims/') && /\.ya?ml$/.test(p));
  if (records.length === 0) throw new Error(`no record files under ${root}/aims`);
  const rng = createRng(typeof seed === 'number' ? seed : [...String(seed)].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 0x01000193), 0x811c9dc5));

  // Which record files each commit after the first changes.
  const changes = [[]];
  const touches = new Map(records.map((p) => [p, []])); // path → commit numbers, ascending
  for (let c = 1; c < commits; c++) {
    const n = rng() < 0.5 ? 1 : rng() < 0.6 ? 2 : 3;
    const chosen = new Set();
    while (chosen.size < Math.min(n, records.length)) chosen.add(records[Math.floor(rng() * records.length)]);
    const list = [...chosen].sort();
    changes.push(list);
    for (const p of list) touches.get(p).push(c);
  }

  const streamFile = path.join(scratch, `fast-import-${process.pid}.stream`);
  const fd = openSync(streamFile, 'w');
  const out = writer(fd);
  let fileVersions = 0;
  const finals = new Map();
  const text = (p) => {
    let t = finals.get(p);
    if (t === undefined) {
      t = readFileSync(path.join(root, p), 'utf8');
      finals.set(p, t);
    }
    return t;
  };
  const modify = (p, content) => {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    out.write(`M 100644 inline ${p}\ndata ${bytes.length}\n`);
    out.write(bytes);
    out.write('\n');
    fileVersions++;
  };
  const seen = new Map(); // path → how many of its later changes are written
  try {
    for (let c = 0; c < commits; c++) {
      const when = Math.round(FIRST + ((LAST - FIRST) * c) / Math.max(1, commits - 1));
      const [name, login] = AUTHORS[Math.floor(rng() * AUTHORS.length)];
      const ident = `${name} <${login}@bench.example.com> ${when} +0000`;
      const message = c === 0 ? 'Initial import of the AI management system records\n' : `Update ${changes[c].join(', ')}\n`;
      out.write(`commit refs/heads/main\nauthor ${ident}\ncommitter ${ident}\ndata ${Buffer.byteLength(message)}\n${message}`);
      if (c === 0) {
        for (const p of files) {
          const later = touches.get(p)?.length ?? 0;
          modify(p, later ? olderVersion(text(p), later) : readFileSync(path.join(root, p)));
        }
      } else {
        for (const p of changes[c]) {
          const done = (seen.get(p) ?? 0) + 1;
          seen.set(p, done);
          modify(p, olderVersion(text(p), touches.get(p).length - done));
        }
      }
      out.write('\n');
      if (c % 500 === 0) finals.clear(); // keep memory flat at 50,000 records
    }
    const streamBytes = out.end();
    closeSync(fd);

    git(root, ['init', '-q']);
    git(root, ['config', 'gc.auto', '0']);
    git(root, ['config', 'core.autocrlf', 'false']);
    const input = openSync(streamFile, 'r');
    try {
      git(root, ['fast-import', '--quiet'], { stdio: [input, 'pipe', 'pipe'] });
    } finally {
      closeSync(input);
    }
    git(root, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
    git(root, ['reset', '-q']); // the index from HEAD; the working tree already holds the final files
    git(root, ['update-index', '-q', '--refresh']);
    const status = git(root, ['status', '--porcelain']);
    if (status.trim()) throw new Error(`history builder bug: the working tree differs from HEAD:\n${status.slice(0, 2000)}`);
    const count = Number(git(root, ['rev-list', '--count', 'HEAD']).trim());
    if (count !== commits) throw new Error(`history builder bug: ${count} commits, expected ${commits}`);
    return { commits, recordFiles: records.length, fileVersions, streamBytes, head: git(root, ['rev-parse', 'HEAD']).trim() };
  } finally {
    rmSync(streamFile, { force: true });
  }
}

/** Size of a folder's .git, in MB (for the log line). */
export function gitSizeMB(root) {
  let bytes = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else bytes += statSync(p).size;
    }
  };
  walk(path.join(root, '.git'));
  return bytes / 1024 / 1024;
}
