import { statSync } from 'node:fs';
import path from 'node:path';
import { diffJson, diffMarkdown, diffRepository, diffText } from '../../api/diff.js';
import { InputError } from '../../model/errors.js';
import type { DiffFormat } from '../choices.js';
import { type ExitCode, exitForValidation } from '../exit-code.js';
import { findRoot } from '../find-root.js';
import type { Io } from '../io.js';

/** Each --format and its renderer; typed so that every choice in choices.ts has one. */
const RENDERERS: Record<DiffFormat, typeof diffText> = { text: diffText, json: diffJson, markdown: diffMarkdown };

/**
 * `aims diff FROM [TO] [ROOT]`. The root may come last as on every other command; a TO that
 * names an existing folder, with no ROOT after it, is the root (`aims diff HEAD~1 my-aims`),
 * since no revision looks like a folder path a user would type.
 */
export async function diffCommand(from: string, to: string | undefined, root: string | undefined, options: { root?: string; format: DiffFormat; asOf?: string }, io: Io): Promise<ExitCode> {
  if (root !== undefined && options.root !== undefined) throw new InputError('give the root once: as the last argument or with --root');
  if (root === undefined && options.root === undefined && to !== undefined && isFolder(path.resolve(io.cwd, to))) {
    root = to;
    to = undefined;
  }
  const diff = await diffRepository(findRoot(io.cwd, root ?? options.root), {
    from,
    today: io.now().toISOString().slice(0, 10),
    ...(to !== undefined ? { to } : {}),
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
  });
  const { errors, ...changes } = diff;
  io.stdout(RENDERERS[options.format](changes));
  return exitForValidation(errors, io);
}

function isFolder(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}
