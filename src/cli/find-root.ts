import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository a command works on: the ROOT the user named; else the current folder when it
 * looks like an AIMS root (it holds aims.yaml or an aims/ folder), as the record contract
 * says; else, from a sub-folder such as aims/risks/, the nearest folder above that holds
 * aims.yaml; else the current folder.
 */
export function findRoot(cwd: string, given: string | undefined): string {
  if (given !== undefined) return path.resolve(cwd, given);
  const start = path.resolve(cwd);
  if (existsSync(path.join(start, 'aims.yaml')) || existsSync(path.join(start, 'aims'))) return start;
  for (let dir = path.dirname(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'aims.yaml'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
