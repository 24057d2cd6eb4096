import { realpathSync, statSync } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { PathKind } from '../model/snapshot.js';
import { isInside } from '../model/inside.js';


export interface IndexOptions {
  /**
   * The folders to list (repository-relative, '' for the root): the fixed base folder of each
   * `records` glob. Nothing outside them is opened, so a huge or unreadable folder elsewhere
   * costs nothing. Default: the whole root.
   */
  bases?: readonly string[];
  /** Folders (repository-relative) never opened: those a negated glob excludes whole. */
  excluded?: readonly string[];
  /** Folder names walked even though they are normally skipped (node_modules, when a record glob names it). */
  keep?: readonly string[];
  /** Told of each folder that could not be listed (no permission): it is skipped, not fatal. */
  onUnreadable?: (rel: string, code: string) => void;
}

/** Folders that never hold records or evidence and can be huge. */
const SKIPPED_DIRS = ['.git', 'node_modules'];

/**
 * Lists every path below the base folders of `root` with what it is, without following links
 * out of the root: a link is reported as what it resolves to only when that target stays
 * inside the root, and a link to a folder inside the root is walked too (once per real
 * folder, so loops end). A base that is itself reached through a link out of the root is
 * reported as 'link-outside' and not listed.
 */
export async function indexFiles(root: string, options: IndexOptions = {}): Promise<Map<string, PathKind>> {
  const realRoot = await realpath(root);
  const skipped = new Set(SKIPPED_DIRS.filter((d) => d === '.git' || !options.keep?.includes(d)));
  const paths = new Map<string, PathKind>();
  const pending: string[] = [];
  const walkedThroughLinks = new Set<string>([realRoot]);
  const excluded = new Set(options.excluded);
  const isExcluded = (rel: string): boolean => [...excluded].some((e) => rel === e || rel.startsWith(`${e}/`));
  for (const base of outermost(options.bases ?? ['']).filter((b) => !isExcluded(b))) {
    if (base === '') {
      pending.push('');
      continue;
    }
    let target: string;
    try {
      target = await realpath(path.join(root, base));
    } catch (error) {
      // A base that does not exist (or is a broken link) holds no records; one we may not reach is the caller's concern.
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      if (!['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG'].includes(code)) options.onUnreadable?.(base, code);
      continue;
    }
    const kind = linkKind(realRoot, target);
    paths.set(base, kind);
    if (kind !== 'dir' || walkedThroughLinks.has(target)) continue;
    walkedThroughLinks.add(target);
    pending.push(base);
  }
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    let entries;
    try {
      entries = await readdir(path.join(root, rel), { withFileTypes: true });
    } catch (error) {
      if (rel === '') throw error;
      // A folder we may not list (or that vanished meanwhile) is skipped; the caller decides whether it mattered.
      options.onUnreadable?.(rel, (error as NodeJS.ErrnoException).code ?? 'EIO');
      continue;
    }
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (excluded.has(childRel)) continue;
      if (entry.isDirectory()) {
        if (skipped.has(entry.name)) continue;
        paths.set(childRel, 'dir');
        pending.push(childRel);
      } else if (entry.isSymbolicLink()) {
        const kind = linkKind(realRoot, path.join(root, childRel));
        paths.set(childRel, kind);
        if (kind === 'dir') {
          const target = await realpath(path.join(root, childRel));
          if (!walkedThroughLinks.has(target)) {
            walkedThroughLinks.add(target);
            pending.push(childRel);
          }
        }
      } else {
        paths.set(childRel, entry.isFile() ? 'file' : 'special');
      }
    }
  }
  return paths;
}

/** The bases that are not below another one ('' covers everything), normalised; a base that climbs out of the root is dropped. */
function outermost(bases: readonly string[]): string[] {
  const normal = bases.map((b) => path.posix.normalize(b === '' ? '.' : b).replace(/\/$/, '')).map((b) => (b === '.' ? '' : b));
  const inside = normal.filter((b) => b === '' || (b !== '..' && !b.startsWith('../') && !path.posix.isAbsolute(b)));
  if (inside.includes('')) return [''];
  return [...new Set(inside)].filter((b, _, all) => !all.some((other) => other !== b && b.startsWith(`${other}/`))).sort();
}

/** What `absolute` is once links are followed, without leaving the root ('link-broken': nothing there). */
export function linkKind(realRoot: string, absolute: string): PathKind {
  try {
    const real = realpathSync(absolute);
    if (!isInside(realRoot, real)) return 'link-outside';
    const stats = statSync(real);
    return stats.isDirectory() ? 'dir' : stats.isFile() ? 'file' : 'special';
  } catch {
    return 'link-broken';
  }
}

/** Whether a path exists at all (used for the root itself). */
export async function pathKind(absolute: string): Promise<'file' | 'dir' | 'missing'> {
  try {
    return (await lstat(absolute)).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}
