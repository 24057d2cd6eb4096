import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import { MANIFEST } from '../render/report/pack.js';
import { ZIP_COMMENT } from '../render/report/zip.js';

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

export async function writePack(outDir: string, files: ReadonlyMap<string, Uint8Array>, options: { force: boolean }): Promise<void> {
  const target = path.resolve(outDir);
  const existing = await folderState(target);
  if (existing === 'file') throw new InputError(`${outDir} exists and is not a folder`);
  if (existing === 'non-empty') {
    if (!options.force) throw new InputError(`${outDir} is not empty`, 'choose a new folder, or pass --force to replace a pack that aims made there');
    if (!(await isAimsPack(target))) throw new InputError(`${outDir} is not an aims evidence pack (no aims manifest.json); refusing to replace it`);
  }
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const temp = path.join(parent, `.${path.basename(target)}.aims-tmp-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(temp);
    for (const [relative, bytes] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const file = insideOutput(temp, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
    }
    if (existing === 'empty') await rmdir(target);
    if (existing === 'non-empty') {
      const old = path.join(parent, `.${path.basename(target)}.aims-old-${randomBytes(4).toString('hex')}`);
      await rename(target, old);
      await rename(temp, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(temp, target);
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Refuses, before anything is written, a target that writeFileOutput would refuse. */
export async function checkFileOutput(file: string, options: { force: boolean; archive?: boolean }): Promise<void> {
  const target = path.resolve(file);
  const state = await folderState(target);
  if (state === 'empty' || state === 'non-empty') throw new InputError(`${file} is a folder`);
  if (state === 'file' && options.archive) {
    if (!options.force) throw new InputError(`${file} already exists`, 'pass --force to replace it');
    if (!(await endsWith(target, ZIP_COMMENT))) throw new InputError(`${file} is not an archive made by aims; refusing to replace it`);
  }
}

/** Writes one file (a report, an archive); an existing file is replaced only with force, and an archive only if aims made it. */
export async function writeFileOutput(file: string, bytes: Uint8Array | string, options: { force: boolean; archive?: boolean }): Promise<void> {
  const target = path.resolve(file);
  await checkFileOutput(file, options);
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.aims-tmp-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
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

async function isAimsPack(dir: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as { generator?: unknown };
    return manifest.generator === 'aims';
  } catch {
    return false;
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
 * Creates new files under `root` and never replaces one: with existing files it lists them,
 * writes nothing and returns them; with `force` it writes only the missing ones.
 */
export async function writeNewFiles(root: string, files: ReadonlyMap<string, string>, options: { force: boolean }): Promise<{ written: string[]; existing: string[] }> {
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
