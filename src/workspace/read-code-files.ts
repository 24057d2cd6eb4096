import { constants, type Dirent } from 'node:fs';
import { lstat, open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ReadPlan } from '../model/discover.js';
import { listTrackedFiles, remoteUrls } from './git.js';

export type CodeFile = { path: string; text: string } | { path: string; header: Uint8Array };

export interface CodeFiles {
  listing: 'git' | 'walk';
  remotes: string[];
  files: CodeFile[];
  skipped: { file: string; reason: string }[];
}

/** Folders of other people's code (dependencies, vendored copies, virtual environments): skipped unless asked. */
export const VENDORED_DIRS = new Set(['node_modules', 'bower_components', 'jspm_packages', 'vendor', 'third_party', 'third-party', 'thirdparty', '.venv', 'venv', 'site-packages', '__pypackages__', '.tox', '.nox', 'Pods', 'Carthage', '.bundle', '.yarn', '.pnpm-store']);
const NEVER = new Set(['.git', '.hg', '.svn']);
const CONCURRENCY = 32;

/**
 * The candidate files of one code folder, read as little as possible: in a git work tree only
 * tracked files (git already applies .gitignore), elsewhere a walk that applies every
 * .gitignore it meets. Links are never followed and only regular files are opened.
 */
export async function readCodeFiles(root: string, options: { plan: (path: string) => ReadPlan | undefined; includeVendored: boolean }): Promise<CodeFiles> {
  const tracked = await listTrackedFiles(root);
  const all = tracked ?? (await walk(root, options.includeVendored));
  const keep = (p: string): boolean => options.includeVendored || !p.split('/').some((segment) => VENDORED_DIRS.has(segment));
  const wanted: [string, ReadPlan][] = [];
  for (const p of all) {
    if (!keep(p)) continue;
    const plan = options.plan(p);
    if (plan) wanted.push([p, plan]);
  }
  const files: CodeFile[] = [];
  const skipped: CodeFiles['skipped'] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < wanted.length) {
      const [rel, plan] = wanted[next++] as [string, ReadPlan];
      const result = await readOne(path.join(root, rel), plan);
      if (typeof result === 'string') skipped.push({ file: rel, reason: result });
      else if (result) files.push('text' in result ? { path: rel, text: result.text } : { path: rel, header: result.header });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, wanted.length) }, worker));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  skipped.sort((a, b) => (a.file < b.file ? -1 : 1));
  return { listing: tracked ? 'git' : 'walk', remotes: tracked ? await remoteUrls(root) : [], files, skipped };
}

/** A file's text or header; a reason string when it was skipped for size; undefined when it is not readable text. */
async function readOne(absolute: string, plan: ReadPlan): Promise<{ text: string } | { header: Uint8Array } | string | undefined> {
  let handle;
  try {
    // O_NOFOLLOW: a link is refused, not followed; O_NONBLOCK: a FIFO cannot hang the scan.
    handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (!info.isFile()) return undefined;
    if (plan.read === 'text' && info.size > plan.maxBytes) return `larger than ${Math.round(plan.maxBytes / 1048576)} MiB: identified by name only`;
    if (plan.read === 'header') {
      const buffer = new Uint8Array(64);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return { header: buffer.subarray(0, bytesRead) };
    }
    const bytes = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    if (bytesRead < info.size) return undefined;
    // Binary files and other encodings hold no import or endpoint that aims could read safely.
    if (bytes.includes(0)) return undefined;
    return { text: bytes.toString('utf8') };
  } catch {
    return undefined;
  } finally {
    await handle?.close();
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
