import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../model/errors.js';

export interface PackVerification {
  /** Files checked against the manifest. */
  checked: number;
  missing: string[];
  altered: string[];
  /** Files in the folder that the manifest does not list. */
  unlisted: string[];
  commit: string | null;
  asOf: string;
  intact: boolean;
}

interface ManifestFiles {
  files: { path: string; bytes: number; sha256: string }[];
  commit?: string | null;
  asOf?: string;
}

/** Recomputes every checksum of a pack's manifest.json and lists what is missing, altered or unlisted. */
export async function verifyPack(dir: string): Promise<PackVerification> {
  let manifest: ManifestFiles;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as ManifestFiles;
  } catch (error) {
    const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
    throw new InputError(code === 'ENOENT' ? `${dir} has no manifest.json: it is not an aims evidence pack` : `${dir}/manifest.json is not valid JSON`);
  }
  if (!Array.isArray(manifest.files)) throw new InputError(`${dir}/manifest.json has no "files" list`);
  const present = await listEverything(dir);
  const listed = new Set<string>();
  const missing: string[] = [];
  const altered: string[] = [];
  for (const entry of manifest.files) {
    listed.add(entry.path);
    if (present.get(entry.path) !== 'file' || !isPlainRelative(entry.path)) {
      missing.push(entry.path);
      continue;
    }
    const bytes = await readFile(path.join(dir, entry.path));
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== entry.sha256 || bytes.length !== entry.bytes) altered.push(entry.path);
  }
  const unlisted = [...present.entries()]
    .filter(([p]) => p !== 'manifest.json' && !listed.has(p))
    .map(([p]) => p)
    .sort();
  return {
    checked: manifest.files.length,
    missing: missing.sort(),
    altered: altered.sort(),
    unlisted,
    commit: manifest.commit ?? null,
    asOf: manifest.asOf ?? '',
    intact: missing.length === 0 && altered.length === 0 && unlisted.length === 0,
  };
}

/**
 * Every entry of the pack folder that is not a plain folder: files, and links of any kind
 * (never followed). Unlike the repository walker it skips nothing, so a file slipped into
 * .git/ or node_modules/ of a pack is caught.
 */
async function listEverything(dir: string): Promise<Map<string, 'file' | 'other'>> {
  const out = new Map<string, 'file' | 'other'>();
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) pending.push(child);
      else out.set(child, entry.isFile() ? 'file' : 'other');
    }
  }
  return out;
}

/** A manifest path must name a file inside the pack: no absolute path, no `..`. */
function isPlainRelative(p: string): boolean {
  return p !== '' && !path.isAbsolute(p) && !p.split('/').some((s) => s === '..' || s === '' || s === '.');
}
