/** Where `--cache` keeps its file by default, inside the repository: `aims init` and the cache itself git-ignore the folder. */
export const CACHE_DIR = '.aims/cache';

/** The .gitignore in CACHE_DIR: the cache is per machine and per user, never shared through git. */
export const CACHE_GITIGNORE = '# written by aims for --cache: nothing here belongs in git\n*\n';

/** An evidence file as `--cache` remembers it: its stat signature (device, inode, mode, size, modified and changed times) when it was read, and whether it was blank. */
export type SeenFile = [string, boolean];
