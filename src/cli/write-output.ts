import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { CONFIG_FILE } from '../model/config.js';
import { InputError } from '../model/errors.js';
import { globMatcher } from '../api/check.js';
import { type CopiedFile, isCopied, type PackEntry } from '../model/pack-entry.js';
import { changed, streamRegularFile, verifyPack, writeZip, ZIP_COMMENT, type ZipEntry } from '../api/report.js';
import { holdSignals } from './interrupt.js';

/**
 * The only code that writes files, and only where the user asked. A pack is written to a
 * temporary sibling and renamed into place when complete, so an interrupted run leaves no
 * half pack; `force` replaces only a folder an earlier `aims report pack` made.
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

export interface PackTarget {
  force: boolean;
  /** The repository the pack is made from: never replaced, nor a folder holding it. */
  repo: string;
  /** The pack also as one archive, <out>.zip, written in the same step from the files just written. */
  archive?: boolean;
}

/**
 * Writes the pack (and its archive) under temporary names and renames both into place once
 * complete: an interrupted run leaves no half pack, and SIGINT or SIGTERM removes the temporary
 * files before aims stops (exit 2, interrupt.ts). Temporary names carry the writer's process id, so the next run can
 * remove those of a run that was killed outright.
 */
export async function writePack(outDir: string, files: ReadonlyMap<string, PackEntry>, options: PackTarget): Promise<void> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  await removeStaleTemporaries(parent);
  const existing = await folderState(target);
  if (existing === 'file') throw new InputError(`${outDir} exists and is not a folder`);
  if (existing === 'non-empty') {
    if (!options.force) throw new InputError(`${outDir} is not empty`, 'choose a new folder, or pass --force to replace a pack that aims made there');
    const refusal = await whyNotReplaceable(target, options.repo);
    if (refusal) throw new InputError(`${outDir} ${refusal}; refusing to replace it (nothing was changed)`);
  }
  await mkdir(parent, { recursive: true });
  const suffix = `aims-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = path.join(parent, `.${path.basename(target)}.${suffix}`);
  const archive = `${target}.zip`;
  const archiveTemp = path.join(parent, `.${path.basename(archive)}.${suffix}`);
  const cleanup = (): void => {
    rmSync(temp, { recursive: true, force: true });
    rmSync(archiveTemp, { force: true });
  };
  // A signal is noted and acted on between two writes: removing the folder while a write is
  // still in flight would let that write create it again.
  const signals = holdSignals();
  try {
    await mkdir(temp);
    const names = [...files.keys()].sort();
    // CRC-32 of each copied file, taken while copying, so the archive need not read it an extra time.
    const crcs = new Map<string, number>();
    for (const relative of names) {
      signals.check();
      const file = insideOutput(temp, relative);
      await mkdir(path.dirname(file), { recursive: true });
      const entry = files.get(relative) as PackEntry;
      if (isCopied(entry)) crcs.set(relative, copyVerified(relative, entry, file));
      else await writeFile(file, entry);
    }
    // The archive is complete before either is renamed, so both appear or neither does.
    if (options.archive) writeArchive(temp, names, crcs, path.basename(target), archiveTemp);
    signals.check();
    if (existing === 'empty') await rmdir(target);
    if (existing === 'non-empty') {
      const old = path.join(parent, `.${path.basename(target)}.aims-old-${process.pid}-${randomBytes(4).toString('hex')}`);
      await rename(target, old);
      await rename(temp, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(temp, target);
    }
    if (options.archive) await rename(archiveTemp, archive);
  } catch (error) {
    cleanup();
    throw error;
  } finally {
    // Stops here (exit 2) if a signal came, now that nothing is left behind.
    signals.release();
  }
}

/**
 * Copies an evidence file into the pack as a stream, hashing while it copies: never more than
 * its limit, and refused (nothing written) unless it still has the size and SHA-256 that the
 * manifest already lists.
 */
function copyVerified(relative: string, entry: CopiedFile, file: string): number {
  const hash = createHash('sha256');
  let crc = 0;
  const fd = openSync(file, 'wx');
  let copied: ReturnType<typeof streamRegularFile>;
  try {
    copied = streamRegularFile(entry.from, entry.limit, (chunk) => {
      hash.update(chunk);
      crc = crc32(chunk, crc);
      let done = 0;
      while (done < chunk.length) done += writeSync(fd, chunk, done);
    });
  } finally {
    closeSync(fd);
  }
  if ('problem' in copied) throw changed(relative, copied.problem.message);
  if (copied.bytes !== entry.bytes || hash.digest('hex') !== entry.sha256) throw changed(relative, 'its content is not what aims measured a moment before');
  return crc;
}

/** The archive of the files just written to `dir`, read back in chunks (a large evidence file is never held whole). */
function writeArchive(dir: string, names: readonly string[], crcs: ReadonlyMap<string, number>, prefix: string, archive: string): void {
  const fd = openSync(archive, 'wx');
  try {
    const entries: ZipEntry[] = names.map((name) => {
      const file = insideOutput(dir, name);
      const crc = crcs.get(name);
      return { name, size: statSync(file).size, chunks: () => readChunks(file), ...(crc !== undefined ? { crc32: crc } : {}) };
    });
    writeZip(entries, prefix, (chunk) => {
      let done = 0;
      while (done < chunk.length) done += writeSync(fd, chunk, done);
    });
  } finally {
    closeSync(fd);
  }
}

function* readChunks(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

const TEMPORARY = /^\..+\.aims-(?:tmp|old)-(\d+)-[0-9a-f]{8}$/;

/** Removes the temporary folders and archives of earlier runs that were killed (their process is gone). */
async function removeStaleTemporaries(parent: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMPORARY.exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    const entry = path.join(parent, name);
    const info = await lstat(entry).catch(() => undefined);
    if (info && (info.isDirectory() || info.isFile())) await rm(entry, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Why a non-empty folder may not be replaced, or undefined when it is exactly an earlier pack:
 * a valid manifest (which never lists a .git folder) that lists every file in it, and neither the
 * repository, nor inside its .git, nor holding it.
 */
async function whyNotReplaceable(target: string, repo: string): Promise<string | undefined> {
  const real = await realpath(target);
  const realRepo = await realpath(repo);
  if (real === realRepo) return 'is the repository itself';
  if (realRepo.startsWith(real + path.sep)) return 'holds the repository';
  if (real.startsWith(path.join(realRepo, '.git') + path.sep)) return "is inside the repository's .git";
  const verification = await verifyPack(real);
  if (!verification.valid) return `is not an aims evidence pack (${verification.problem ?? 'no valid manifest.json'})`;
  if (verification.unlisted.length > 0) return `holds files its manifest.json does not list (${verification.unlisted.slice(0, 3).join(', ')}${verification.unlisted.length > 3 ? ', …' : ''})`;
  return undefined;
}

/** The repository whose records an output must never land on: its root and record globs. */
export interface Protected {
  root: string;
  records: readonly string[];
}

export interface FileOutputOptions {
  force: boolean;
  archive?: boolean;
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
  if (state === 'file') {
    if (!options.force) throw new InputError(`${shown} already exists`, 'pass --force to replace it');
    if (options.archive && !(await endsWith(target, ZIP_COMMENT))) throw new InputError(`${shown} is not an archive made by aims; refusing to replace it`);
  }
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
  if (posixRel === CONFIG_FILE || globMatcher(protect.records)(posixRel)) {
    throw new InputError(`refusing to write ${file}: it is a record file of the repository (${posixRel} matches the record globs)`, 'write reports outside the record folders');
  }
}

/** Writes one file (a report, an archive); an existing file is replaced only with force, and an archive only if aims made it. */
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

async function folderState(target: string): Promise<'absent' | 'file' | 'empty' | 'non-empty'> {
  try {
    const s = await stat(target);
    if (!s.isDirectory()) return 'file';
    return (await readdir(target)).length === 0 ? 'empty' : 'non-empty';
  } catch {
    return 'absent';
  }
}

async function endsWith(file: string, suffix: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Buffer.byteLength(suffix);
    if (size < length) return false;
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8') === suffix;
  } finally {
    await handle.close();
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
