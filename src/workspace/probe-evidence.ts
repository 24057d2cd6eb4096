import { closeSync, lstatSync, opendirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { isInside } from '../model/inside.js';
import type { SeenFile } from '../model/cache.js';
import type { PathKind } from '../model/snapshot.js';
import { isBlankFile } from './blank-files.js';
import { linkKind } from './file-index.js';
import { errnoCode, openRegular } from './read-file.js';

/** Evidence paths deeper than this many names are taken as missing without a look. */
export const MAX_DEPTH = 64;

/** At most this many names of a folder are listed to find a close one for a missing evidence path. */
export const MAX_LISTED_NAMES = 1000;

/** What the cited evidence paths are; see probeEvidencePaths. */
export interface EvidenceProbe {
  /** Each cited path (undefined: it does not exist), links out of the root on the way, and listed names. */
  kinds: Map<string, PathKind | undefined>;
  /** The cited files that are empty or whitespace only. */
  blank: Set<string>;
}

/** What earlier runs read of the cited files (--cache): `known` is taken as true where a file's signature is the same, `seen` is filled with this run's. */
export interface SeenFiles {
  known: ReadonlyMap<string, SeenFile>;
  seen: Map<string, SeenFile>;
  /** The clock (ms): a file changed less than RACY_MS before it is not remembered. */
  now: number;
}

/** What tells a file's content and permissions apart between runs without reading it. */
export function signatureOf(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.mode}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

/**
 * A file whose status changed this recently may change again within the same tick of the
 * file system's clock without its times moving (git's "racily clean" problem): it is read
 * again next time rather than told from its signature.
 */
const RACY_MS = 2000;

/**
 * Looks at each cited evidence path on its own, never at the rest of the repository: what it
 * is, reached from the root one name at a time without following a link out of it, and, for a
 * file, whether it opens under the reading policy (no permission, a FIFO behind a link, over
 * the evidence size limit: 'unreadable'), so that `validate` already refuses what `report
 * pack` could not read; while a small file is open, whether it is blank. For a missing path,
 * the first MAX_LISTED_NAMES names of its nearest existing folder are listed too (one level),
 * so "did you mean" has candidates. Synchronous: one open per file (awaiting four calls per file
 * for thousands of files left the process idle for most of a second).
 */
export function probeEvidencePaths(root: string, rels: Iterable<string>, limit: number, memo?: SeenFiles): EvidenceProbe {
  const realRoot = realpathSync(root);
  // A file read before with the same signature is what it was (a write or a chmod moves its times): it is not opened again.
  // `open` answers undefined when the file could not be read (nothing to remember).
  const look = (rel: string, stats: Stats, open: () => boolean | undefined): boolean | undefined => {
    const signature = signatureOf(stats);
    const before = memo?.known.get(rel);
    const blank = before?.[0] === signature ? before[1] : open();
    if (memo && blank !== undefined && memo.now - Math.max(stats.mtimeMs, stats.ctimeMs) > RACY_MS) memo.seen.set(rel, [signature, blank]);
    return blank;
  };
  const probed = new Map<string, PathKind | undefined>();
  const listed = new Map<string, PathKind>();
  const listedFolders = new Set<string>();
  const blank = new Set<string>();
  const folders = new Set<string>();
  for (const rel of rels) {
    if (probed.has(rel)) continue;
    const found = probePath(realRoot, root, rel, limit, probed, folders, look);
    probed.set(rel, found.kind);
    if (found.blank) blank.add(rel);
    if (found.kind === undefined && found.folder !== undefined && !listedFolders.has(found.folder)) {
      listedFolders.add(found.folder);
      listFolder(realRoot, root, found.folder, listed);
    }
  }
  // What was probed is what counts; a listed name only fills in what was not.
  return { kinds: new Map([...listed, ...probed]), blank };
}

/**
 * What `rel` is; on the way, a link out of the root (or a broken one) is put into `learnt` at
 * its own path, which is how a path through it is refused. `folder`: the nearest existing
 * folder of a missing path. `folders`: paths already seen to be folders (not links) in this
 * probe, not looked at again (thousands of files share a few folders).
 */
function probePath(
  realRoot: string,
  root: string,
  rel: string,
  limit: number,
  learnt: Map<string, PathKind | undefined>,
  folders: Set<string>,
  look: (rel: string, stats: Stats, open: () => boolean | undefined) => boolean | undefined,
): { kind: PathKind | undefined; folder?: string; blank?: boolean } {
  const parts = rel.split('/');
  // Each name is looked up from the root, so a path of thousands of folders (through a link to `.`) would cost their square.
  if (parts.length > MAX_DEPTH) return { kind: undefined };
  // git's own files are never evidence (the walk never lists .git): .git/config may hold a token, and a pack never holds them.
  if (parts.some(isGitFolder)) return { kind: undefined };
  let prefix = '';
  for (let i = 0; i < parts.length; i++) {
    prefix = i === 0 ? (parts[0] as string) : `${prefix}/${parts[i] as string}`;
    const absolute = path.join(root, prefix);
    const last = i === parts.length - 1;
    if (!last && folders.has(prefix)) continue;
    let stats: Stats;
    let real = absolute;
    try {
      stats = lstatSync(absolute);
    } catch (error) {
      const code = errnoCode(error);
      // A name too long for the file system, or reached through too many links, cannot be there either.
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' || code === 'ELOOP') return { kind: undefined, folder: parts.slice(0, i).join('/') };
      // A folder on the way that we may not enter: the file cannot be read.
      return { kind: 'unreadable' };
    }
    if (stats.isSymbolicLink()) {
      try {
        real = realpathSync(absolute);
        stats = statSync(real);
      } catch {
        learnt.set(prefix, 'link-broken');
        return { kind: last ? 'link-broken' : undefined };
      }
      if (!isInside(realRoot, real)) {
        learnt.set(prefix, 'link-outside');
        return { kind: last ? 'link-outside' : undefined };
      }
      if (path.relative(realRoot, real).split(path.sep).some(isGitFolder)) return { kind: undefined };
    }
    if (!last) {
      if (!stats.isDirectory()) return { kind: undefined };
      if (real === absolute) folders.add(prefix);
      continue;
    }
    if (stats.isDirectory()) return { kind: 'dir' };
    if (!stats.isFile()) return { kind: 'special' };
    const refused = { unreadable: false };
    const blank = look(rel, stats, () => {
      const opened = openRegular(real, limit);
      if ('problem' in opened) {
        refused.unreadable = true;
        return undefined;
      }
      try {
        return isBlankFile(opened.fd);
      } catch {
        // Unreadable after all: the pack reports it when it cannot read it; it is not blank.
        return undefined;
      } finally {
        closeSync(opened.fd);
      }
    });
    return refused.unreadable ? { kind: 'unreadable' } : { kind: 'file', blank: blank === true };
  }
  return { kind: undefined };
}

/** The first MAX_LISTED_NAMES entries of one folder inside the root, links classified without leaving it. */
function listFolder(realRoot: string, root: string, folder: string, into: Map<string, PathKind>): void {
  let dir;
  try {
    const real = realpathSync(path.join(root, folder));
    if (!isInside(realRoot, real)) return;
    dir = opendirSync(real);
  } catch {
    return;
  }
  try {
    for (let n = 0; n < MAX_LISTED_NAMES; n++) {
      const entry = dir.readSync();
      if (!entry) break;
      if (isGitFolder(entry.name)) continue;
      const rel = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isFile()) into.set(rel, 'file');
      else if (entry.isDirectory()) into.set(rel, 'dir');
      else if (entry.isSymbolicLink()) into.set(rel, linkKind(realRoot, path.join(root, rel)));
      else into.set(rel, 'special');
    }
  } catch {
    // A folder that cannot be read further gives the names read so far.
  } finally {
    dir.closeSync();
  }
}

/** `.git` in any case (a case-insensitive file system opens `.GIT` as `.git`). */
function isGitFolder(name: string): boolean {
  return name.toLowerCase() === '.git';
}
