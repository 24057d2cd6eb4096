import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CACHE_DIR } from '../model/cache.js';
import type { CacheFileOptions } from '../api/check.js';
import type { Io } from './io.js';

/** The cache file's name, in the default folder or in a folder named by --cache-location. */
const CACHE_NAME = 'checks.json';

export interface CacheFlags {
  cache?: boolean;
  cacheLocation?: string;
}

/**
 * `--cache` and `--cache-location` as ESLint has them: only --cache turns the cache on; the
 * location is a file, or a folder (existing, or written with a trailing slash) to hold one.
 * The signing secret lives in the user's cache folder, outside every repository.
 */
export function cacheOptions(flags: CacheFlags, io: Io, root: string): CacheFileOptions | undefined {
  if (flags.cache !== true) return undefined;
  const home = io.env['XDG_CACHE_HOME'] || path.join(io.env['HOME'] || os.homedir(), '.cache');
  const secretFile = path.join(home, 'aims', 'cache-secret');
  if (flags.cacheLocation === undefined) return { file: path.join(root, CACHE_DIR, CACHE_NAME), secretFile, inside: root };
  const location = path.resolve(io.cwd, flags.cacheLocation);
  const folder = /[/\\]$/.test(flags.cacheLocation) || isDirectory(location);
  return { file: folder ? path.join(location, CACHE_NAME) : location, secretFile };
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The cache option for checkRepository / analyseRepository, when --cache is given. */
export function withCache(flags: CacheFlags, io: Io, root: string): { cache?: CacheFileOptions } {
  const cache = cacheOptions(flags, io, root);
  return cache ? { cache } : {};
}
