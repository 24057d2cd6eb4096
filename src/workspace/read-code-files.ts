import { closeSync, constants, type Dirent, openSync, readSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ReadPlan } from '../model/discover.js';
import { listTrackedFiles, remoteUrls } from './git.js';

export type CodeFile = { path: string; text: string } | { path: string; header: Uint8Array };

export interface CodeFiles {
  listing: 'git' | 'walk';
  remotes: string[];
  /** Candidate files read. */
  read: number;
  skipped: { file: string; reason: string }[];
}

/** Folders of other people's code (dependencies, vendored copies, virtual environments): skipped unless asked. */
export const VENDORED_DIRS = new Set(['node_modules', 'bower_components', 'jspm_packages', 'vendor', 'third_party', 'third-party', 'thirdparty', '.venv', 'venv', 'site-packages', '__pypackages__', '.tox', '.nox', 'Pods', 'Carthage', '.bundle', '.yarn', '.pnpm-store']);
const NEVER = new Set(['.git', '.hg', '.svn']);

/**
 * The candidate files of one code folder, read as little as possible and handed to `visit`
 * one by one (no file's text outlives its visit): in a git work tree only tracked files (git
 * already applies .gitignore), elsewhere a walk that applies every .gitignore it meets.
 * Links are never followed, and no read goes past a plan's size limit.
 */
export async function readCodeFiles(root: string, options: { plan: (path: string) => ReadPlan | undefined; includeVendored: boolean; visit: (file: CodeFile) => void }): Promise<CodeFiles> {
  const tracked = await listTrackedFiles(root);
  const all = tracked ?? (await walk(root, options.includeVendored));
  const skipped: CodeFiles['skipped'] = [];
  const reader = new BoundedReader();
  // Listings come folder by folder: whether a folder is vendored is decided once per folder.
  let lastFolder: string | undefined;
  let lastVendored = false;
  let read = 0;
  for (const p of all) {
    const folder = p.slice(0, p.lastIndexOf('/') + 1);
    if (folder !== lastFolder) {
      lastFolder = folder;
      lastVendored = !options.includeVendored && folder.split('/').some((segment) => VENDORED_DIRS.has(segment));
    }
    if (lastVendored) continue;
    const plan = options.plan(p);
    if (!plan) continue;
    const result = reader.read(path.join(root, p), plan);
    if (typeof result === 'string') skipped.push({ file: p, reason: result });
    else if (result) {
      read++;
      options.visit('text' in result ? { path: p, text: result.text } : { path: p, header: result.header });
    }
  }
  skipped.sort((a, b) => (a.file < b.file ? -1 : 1));
  return { listing: tracked ? 'git' : 'walk', remotes: tracked ? await remoteUrls(root) : [], read, skipped };
}

const HEADER_READ = 64;
/** The largest buffer kept for the next file; a larger file (a manifest up to its limit) grows it for itself only. */
const KEEP_BUFFER = 4 * 1024 * 1024;

/**
 * Reads files by plan into one reused buffer (a fresh buffer per file is garbage to collect),
 * synchronously on purpose: candidates are small and usually cached, and a blocking read costs
 * a fraction of a promise round trip through the thread pool. No fstat: a text read stops one
 * byte past the plan's limit, which is how a file too large shows itself.
 */
class BoundedReader {
  private buffer = Buffer.alloc(256 * 1024);

  /** A file's text or header; a reason when it is too large to read; undefined when it is not readable text. */
  read(absolute: string, plan: ReadPlan): { text: string } | { header: Uint8Array } | string | undefined {
    let fd: number | undefined;
    try {
      // O_NOFOLLOW: a link is refused, not followed; O_NONBLOCK: a FIFO cannot hang the scan.
      fd = openSync(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      if (plan.read === 'header') {
        const n = readSync(fd, this.buffer, 0, HEADER_READ, 0);
        return { header: Uint8Array.prototype.slice.call(this.buffer, 0, n) };
      }
      const limit = plan.maxBytes + 1;
      let buffer = this.buffer;
      let got = 0;
      for (;;) {
        if (got === buffer.length) {
          if (buffer.length >= limit) break;
          const grown = Buffer.alloc(Math.min(buffer.length * 2, limit));
          buffer.copy(grown, 0, 0, got);
          buffer = grown;
          if (grown.length <= KEEP_BUFFER) this.buffer = grown;
        }
        const n = readSync(fd, buffer, got, Math.min(buffer.length, limit) - got, got);
        if (n === 0) break;
        got += n;
      }
      if (got > plan.maxBytes) return `larger than ${Math.round(plan.maxBytes / 1048576)} MiB: identified by name only`;
      const bytes = buffer.subarray(0, got);
      // Binary files and other encodings hold no import or endpoint that aims could read safely.
      if (bytes.includes(0)) return undefined;
      return { text: bytes.toString('utf8') };
    } catch {
      // A folder, a FIFO with nothing to read (EAGAIN), a link (ELOOP), a vanished file: nothing to read.
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

/** A plain folder: every file, honouring each .gitignore on the way down, no links followed. */
async function walk(root: string, includeVendored: boolean): Promise<string[]> {
  const out: string[] = [];
  const pending: { rel: string; rules: { base: string; ig: Ignore }[] }[] = [{ rel: '', rules: [] }];
  while (pending.length > 0) {
    const { rel, rules: inherited } = pending.pop() as (typeof pending)[number];
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    const rules = [...inherited];
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        rules.push({ base: rel, ig: ignore().add(await readFile(path.join(root, rel, '.gitignore'), 'utf8')) });
      } catch {
        // an unreadable .gitignore ignores nothing
      }
    }
    const ignored = (childRel: string, dir: boolean): boolean =>
      rules.some(({ base, ig }) => ig.ignores((base === '' ? childRel : childRel.slice(base.length + 1)) + (dir ? '/' : '')));
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (NEVER.has(entry.name) || (!includeVendored && VENDORED_DIRS.has(entry.name)) || ignored(childRel, true)) continue;
        pending.push({ rel: childRel, rules });
      } else if (entry.isFile() && !ignored(childRel, false)) {
        out.push(childRel);
      }
    }
  }
  return out;
}

/** One text file the user named (an SBOM, a signatures file), bounded in size. */
export async function readTextFile(absolute: string, maxBytes: number): Promise<{ text: string } | { problem: string }> {
  try {
    const info = await lstat(absolute);
    if (!info.isFile()) return { problem: 'not a regular file' };
    if (info.size > maxBytes) return { problem: `larger than ${Math.round(maxBytes / 1048576)} MiB` };
    const bytes = await readFile(absolute);
    if (bytes.includes(0)) return { problem: 'a binary file' };
    return { text: bytes.toString('utf8') };
  } catch (error) {
    return { problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'unreadable' };
  }
}
