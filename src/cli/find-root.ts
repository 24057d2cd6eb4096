import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository a command works on: the ROOT the user named, else the nearest folder above
 * the current one that holds aims.yaml, else the top of the git work tree, else the current
 * folder. So `aims validate` works from any sub-folder, as git and linters do.
 */
export function findRoot(cwd: string, given: string | undefined): string {
  if (given !== undefined) return path.resolve(cwd, given);
  const start = path.resolve(cwd);
  for (const marker of ['aims.yaml', '.git']) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, marker))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  return start;
}
