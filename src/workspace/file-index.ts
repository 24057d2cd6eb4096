import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PathKind } from '../model/snapshot.js';

/** Folders that never hold records or evidence and can be huge. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * Lists every path below `root` with what it is, without following links out of the root:
 * a link is reported as what it resolves to only when that target stays inside the root, and
 * a link to a folder inside the root is walked too (once per real folder, so loops end).
 */
export async function indexFiles(root: string): Promise<Map<string, PathKind>> {
  const realRoot = await realpath(root);
  const paths = new Map<string, PathKind>();
  const pending: string[] = [''];
  const walkedThroughLinks = new Set<string>([realRoot]);
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    const entries = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const entry of entries) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        paths.set(childRel, 'dir');
        pending.push(childRel);
      } else if (entry.isSymbolicLink()) {
        const kind = await classifyLink(realRoot, path.join(root, childRel));
        paths.set(childRel, kind);
        if (kind === 'dir') {
          const target = await realpath(path.join(root, childRel));
          if (!walkedThroughLinks.has(target)) {
            walkedThroughLinks.add(target);
            pending.push(childRel);
          }
        }
      } else {
        paths.set(childRel, 'file');
      }
    }
  }
  return paths;
}

async function classifyLink(realRoot: string, absolute: string): Promise<PathKind> {
  try {
    const target = await realpath(absolute);
    if (!isInside(realRoot, target)) return 'link-outside';
    return (await stat(target)).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'link-broken';
  }
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  // `..notes.md` is a name inside the root; only `..` itself or `../…` climbs out.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Whether a path exists at all (used for the root itself). */
export async function pathKind(absolute: string): Promise<'file' | 'dir' | 'missing'> {
  try {
    return (await lstat(absolute)).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}
