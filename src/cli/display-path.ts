import path from 'node:path';

/** A path as the user can open it from where they are (as ESLint and tsc print them): relative to the current folder, forward slashes. */
export function displayPath(cwd: string, absolute: string): string {
  return path.relative(cwd, absolute).split(path.sep).join('/') || '.';
}
