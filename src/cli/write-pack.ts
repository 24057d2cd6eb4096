import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { InputError } from '../model/errors.js';
import { type CopiedFile, isCopied, type PackEntry } from '../model/pack-entry.js';
import { changed, streamEvidence, verifyPack, writeZip, ZIP_COMMENT, type ZipEntry } from '../api/report.js';
import { holdSignals } from './interrupt.js';
import { checkFileOutput, folderState, insideOutput } from './write-output.js';

/**
 * Writes an evidence pack (and its archive): to a temporary sibling, renamed into place when
 * complete, so an interrupted run leaves no half pack; `force` replaces only a folder an earlier
 * `aims report pack` made, and only an archive that aims made.
 */

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
    // Thousands of evidence files share a few folders: each is made once.
    const made = new Set<string>([temp]);
    for (const relative of names) {
      signals.check();
      const file = insideOutput(temp, relative);
      const folder = path.dirname(file);
      if (!made.has(folder)) {
        await mkdir(folder, { recursive: true });
        made.add(folder);
      }
      const entry = files.get(relative) as PackEntry;
      if (isCopied(entry)) crcs.set(relative, await copyVerified(relative, entry, file));
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
    signals.complete();
  } catch (error) {
    cleanup();
    throw error;
  } finally {
    // Stops here (exit 2) if a signal came, now that nothing is left behind.
    signals.release();
  }
}

/**
 * Copies an evidence file (or, under --ref, its blob) into the pack as a stream, hashing while it copies: never more than
 * its limit, and refused (nothing written) unless it still has the size and SHA-256 that the
 * manifest already lists.
 */
async function copyVerified(relative: string, entry: CopiedFile, file: string): Promise<number> {
  const hash = createHash('sha256');
  let crc = 0;
  const fd = openSync(file, 'wx');
  let copied: Awaited<ReturnType<typeof streamEvidence>>;
  try {
    copied = await streamEvidence(entry, (chunk) => {
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

const CHUNK = 1024 * 1024;

function* readChunks(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    // As large as the file, doubled while it turns out larger (as streamRegularFile): a megabyte for each small file kept the garbage collector busy.
    let buffer = Buffer.allocUnsafe(Math.min(CHUNK, fstatSync(fd).size + 1));
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return;
      yield buffer.subarray(0, n);
      if (n === buffer.length && n < CHUNK) buffer = Buffer.allocUnsafe(Math.min(CHUNK, n * 2));
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

/** Refuses, before anything is written, an archive target (<out>.zip) that aims did not make: with --force too. */
export async function checkArchiveOutput(file: string, options: { force: boolean }): Promise<void> {
  await checkFileOutput(file, options);
  if ((await folderState(path.resolve(file))) === 'file' && !(await endsWith(file, ZIP_COMMENT))) throw new InputError(`${file} is not an archive made by aims; refusing to replace it`);
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
