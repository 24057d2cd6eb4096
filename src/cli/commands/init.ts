import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { inGitWorkTree, kindFolders, parseScaffoldList, planInit, SCAFFOLD_LIST, scaffoldList } from '../../api/scaffold.js';
import { plural } from '../../model/plural.js';
import { ExitCode } from '../exit-code.js';
import type { Io } from '../io.js';
import { makeFolders, writeFileOutput, writeNewFiles } from '../write-output.js';

/**
 * `aims init [DIR]`: scaffolds a new AIMS; refuses to replace any file that exists. With
 * --force it adds the missing files, except those an earlier init wrote and the user has
 * since deleted (the scaffold list remembers what init wrote).
 */
export async function initCommand(dir: string | undefined, options: { organisation?: string; force?: boolean }, io: Io): Promise<ExitCode> {
  const root = path.resolve(io.cwd, dir ?? '.');
  const organisation = options.organisation ?? 'Example Organisation Ltd';
  const { files } = await planInit({ organisation, today: io.now().toISOString().slice(0, 10) });

  const before = await readScaffoldList(root);
  const deleted: string[] = [];
  const wanted = new Map<string, string>();
  for (const [file, text] of files) {
    if (options.force && before.has(file) && !(await exists(path.join(root, file)))) deleted.push(file);
    else wanted.set(file, text);
  }
  const { written, existing } = await writeNewFiles(root, wanted, { force: options.force === true });
  if (written.length === 0 && existing.length > 0 && !options.force) {
    io.stderr(`aims: init changed nothing: these files already exist:\n${existing.map((f) => `  ${f}`).join('\n')}\nhint: pass --force to add only the missing files\n`);
    return ExitCode.problems;
  }
  await makeFolders(root, kindFolders());
  await writeFileOutput(path.join(root, SCAFFOLD_LIST), scaffoldList([...before, ...written]), { force: true });

  const lines = [`aims: created ${plural(written.length, 'file')} in ${dir ?? 'the current folder'}${existing.length > 0 ? ` (kept ${existing.length} existing)` : ''}`];
  if (deleted.length > 0) lines.push(`  not restored, as you deleted ${deleted.length === 1 ? 'it' : 'them'} (see ${SCAFFOLD_LIST}): ${deleted.join(', ')}`);
  if (!(await inGitWorkTree(root))) lines.push('  tip: run `git init` there: aims uses git history as audit evidence');
  lines.push('  next: edit aims/*.yaml, decide the controls in aims/controls/, then run `aims validate` and `aims gap`');
  io.stderr(lines.join('\n') + '\n');
  return ExitCode.ok;
}

/** The list an earlier init wrote; a list that is not a small regular file counts as none. */
async function readScaffoldList(root: string): Promise<Set<string>> {
  const file = path.join(root, SCAFFOLD_LIST);
  try {
    const s = await lstat(file);
    if (!s.isFile() || s.size > 1_000_000) return new Set();
    return parseScaffoldList(await readFile(file, 'utf8'));
  } catch {
    return new Set();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}
