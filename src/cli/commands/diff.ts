import { diffRepository } from '../../check-repository.js';
import { diffJson, diffMarkdown, diffText } from '../../render/diff/diff-render.js';
import { type ExitCode, exitForValidation } from '../exit-code.js';
import { findRoot } from '../find-root.js';
import type { Io } from '../io.js';

export async function diffCommand(from: string, to: string | undefined, options: { root?: string; format: string; asOf?: string }, io: Io): Promise<ExitCode> {
  const diff = await diffRepository(findRoot(io.cwd, options.root), {
    from,
    today: io.now().toISOString().slice(0, 10),
    ...(to !== undefined ? { to } : {}),
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
  });
  const { errors, ...changes } = diff;
  io.stdout(options.format === 'json' ? diffJson(changes) : options.format === 'markdown' ? diffMarkdown(changes) : diffText(changes));
  return exitForValidation(errors, io);
}
