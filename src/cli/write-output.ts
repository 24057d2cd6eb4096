import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE } from '../model/config.js';
import { InputError } from '../model/errors.js';
import { holdSignals } from './interrupt.js';

/**
 * The only code that writes files (with write-pack.ts for evidence packs), and only where the
 * user asked. Kept free of the report stack, so that validate, schema, init and new load none of it.
 */

/** Joins a pack-relative path under `dir`, refusing anything that would land outside it. */
export function insideOutput(dir: string, relative: string): string {
  if (relative === '' || path.isAbsolute(relative) || relative.split(/[\\/]/).some((s) => s === '..' || s === '')) {
    throw new Error(`refusing to write outside the output folder: ${relative}`);
  }
  const target = path.resolve(dir, relative);
  if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`refusing to write outside the output folder: ${relative}`);
  return target;
}

/** The repository whose records an output must never land on: its root and record globs. */
export interface Protected {
  root: string;
  records: readonly string[];
}

export interface FileOutputOptions {
  force: boolean;
  protect?: Protected;
  /** The target as the user wrote it, for messages (default: the path given). */
  name?: string;
}

/** Refuses, before anything is written, a target that writeFileOutput would refuse. */
export async function checkFileOutput(file: string, options: FileOutputOptions): Promise<void> {
  const target = path.resolve(file);
  const shown = options.name ?? file;
  if (options.protect) await refuseRecordPath(shown, target, options.protect);
  const state = await folderState(target);
  if (state === 'empty' || state === 'non-empty') throw new InputError(`${shown} is a folder`);
  if (state === 'file' && !options.force) throw new InputError(`${shown} already exists`, 'pass --force to replace it');
}

/** An output inside the record globs (or aims.yaml) is refused even with --force: aims never writes over a record. */
async function refuseRecordPath(file: string, target: string, protect: Protected): Promise<void> {
  const root = await realpath(protect.root);
  // The real folder the file would land in (links resolved), as far as it exists.
  let dir = path.dirname(target);
  const rest = [path.basename(target)];
  for (;;) {
    try {
      dir = await realpath(dir);
      break;
    } catch {
      rest.unshift(path.basename(dir));
      const up = path.dirname(dir);
      if (up === dir) return;
      dir = up;
    }
  }
  const rel = path.relative(root, path.join(dir, ...rest));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return;
  const posixRel = rel.split(path.sep).join('/');
  // Loaded here, not at the top: the commands that protect records have loaded it already,
  // and `aims schema`, `init` and `new` need not.
  const { globMatcher } = await import('../api/check.js');
  if (posixRel === CONFIG_FILE || globMatcher(protect.records)(posixRel)) {
    throw new InputError(`refusing to write ${file}: it is a record file of the repository (${posixRel} matches the record globs)`, 'write reports outside the record folders');
  }
}

/** Writes one file (a report); an existing file is replaced only with force. */
export async function writeFileOutput(file: string, bytes: Uint8Array | string, options: FileOutputOptions): Promise<void> {
  const target = path.resolve(file);
  await checkFileOutput(file, options);
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.aims-tmp-${randomBytes(4).toString('hex')}`;
  const signals = holdSignals();
  try {
    await writeFile(temp, bytes);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    signals.release();
  }
}

export async function folderState(target: string): Promise<'absent' | 'file' | 'empty' | 'non-empty'> {
  try {
    const s = await stat(target);
    if (!s.isDirectory()) return 'file';
    return (await readdir(target)).length === 0 ? 'empty' : 'non-empty';
  } catch {
    return 'absent';
  }
}


/**
 * Refuses a path under `root` that passes through a symbolic link (a committed `.vscode` or
 * `aims/risks` link could point anywhere): scaffolding writes only into real folders.
 */
async function refuseLinkedFolders(root: string, relative: string): Promise<void> {
  const parts = relative.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const rel = parts.slice(0, i).join('/');
    let isLink: boolean;
    try {
      isLink = (await lstat(insideOutput(root, rel))).isSymbolicLink();
    } catch {
      return; // absent: nothing below it exists yet
    }
    if (isLink) throw new InputError(`refusing to write ${relative}: ${rel} is a symbolic link`, 'replace the link with a real folder (or file), then run this again');
  }
}

/**
 * Creates new files under `root` and never replaces one: with existing files it lists them,
 * writes nothing and returns them; with `force` it writes only the missing ones.
 */
export async function writeNewFiles(root: string, files: ReadonlyMap<string, string>, options: { force: boolean }): Promise<{ written: string[]; existing: string[] }> {
  for (const relative of files.keys()) await refuseLinkedFolders(root, relative);
  const existing: string[] = [];
  for (const relative of files.keys()) {
    try {
      await stat(insideOutput(root, relative));
      existing.push(relative);
    } catch {
      // absent: will be created
    }
  }
  if (existing.length > 0 && !options.force) return { written: [], existing };
  const written: string[] = [];
  for (const [relative, text] of files) {
    if (existing.includes(relative)) continue;
    const target = insideOutput(root, relative);
    await mkdir(path.dirname(target), { recursive: true });
    // 'wx' fails rather than overwrite, should the file appear meanwhile.
    await writeFile(target, text, { flag: 'wx' });
    written.push(relative);
  }
  return { written, existing };
}

/** Creates these folders under `root` (and their parents), never outside it. */
export async function makeFolders(root: string, folders: readonly string[]): Promise<void> {
  for (const folder of folders) await mkdir(insideOutput(root, folder), { recursive: true });
}
