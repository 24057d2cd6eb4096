import { existsSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES_DIR } from '../../assets.js';
import { checkRepository } from '../../check-repository.js';
import { InputError } from '../../model/errors.js';
import { isRecordKind, RECORD_KINDS } from '../../model/record.js';
import { closest } from '../../model/suggest.js';
import { createRenderer } from '../../render/report/render-report.js';
import { newRecordFile, nextId, SCHEMA_DIR } from '../../render/scaffold/scaffold.js';
import { builtInLayer, readTemplates, repositoryLayer } from '../../workspace/read-templates.js';
import { ExitCode } from '../exit-code.js';
import { findRoot } from '../find-root.js';
import type { Io } from '../io.js';
import { writeNewFiles } from '../write-output.js';

/** `aims new KIND`: a new record with the next free id, in the kind's conventional folder. Prints its path. */
export async function newCommand(kind: string, options: { id?: string; title?: string; root?: string }, io: Io): Promise<ExitCode> {
  if (!isRecordKind(kind)) {
    const guess = closest(kind, RECORD_KINDS);
    throw new InputError(`"${kind}" is not a record kind${guess ? ` (did you mean "${guess}"?)` : ''}`, `use one of: ${RECORD_KINDS.join(', ')}`);
  }
  const root = findRoot(io.cwd, options.root);
  const check = await checkRepository(root);
  const ids = new Set(check.records.map((r) => r.id).filter((id): id is string => id !== undefined));
  const id = options.id ?? nextId(kind, ids);
  if (ids.has(id)) throw new InputError(`a record with the id ${id} already exists`);
  const renderer = createRenderer(
    await readTemplates([repositoryLayer(root, check.config.templates), builtInLayer(TEMPLATES_DIR)]),
  );
  const first = (k: string): string | undefined => check.records.find((r) => r.kind === k && r.id !== undefined)?.id;
  const firstIds = { ...(first('system') ? { system: first('system') as string } : {}), ...(first('role') ? { role: first('role') as string } : {}) };
  const file = newRecordFile({ renderer, kind, id, title: options.title ?? `New ${kind}`, config: check.config, today: io.now().toISOString().slice(0, 10), firstIds });
  const { existing } = await writeNewFiles(root, new Map([[file.path, file.text]]), { force: false });
  if (existing.length > 0) throw new InputError(`${file.path} already exists`, 'pass --id to choose another id');
  // The path as the user can open it from where they are.
  io.stdout(`${path.relative(io.cwd, path.join(root, file.path)).split(path.sep).join('/')}\n`);
  if (!existsSync(path.join(root, SCHEMA_DIR))) io.stderr(`aims: for editor completion, run \`aims schema --write ${SCHEMA_DIR}\`\n`);
  return ExitCode.ok;
}
