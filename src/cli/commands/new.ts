import { existsSync } from 'node:fs';
import path from 'node:path';
import { planNewRecord, SCHEMA_DIR } from '../../api/scaffold.js';
import { InputError } from '../../model/errors.js';
import { isRecordKind, RECORD_KINDS } from '../../model/record.js';
import { closest } from '../../model/suggest.js';
import { ExitCode } from '../exit-code.js';
import { findRoot } from '../find-root.js';
import type { Io } from '../io.js';
import { displayPath } from '../display-path.js';
import { writeNewFiles } from '../write-output.js';

/** `aims new KIND`: a new record with the next free id, in the kind's conventional folder. Prints its path. */
export async function newCommand(kind: string, options: { id?: string; title?: string; root?: string; repository?: string[]; component?: string[] }, io: Io): Promise<ExitCode> {
  if (!isRecordKind(kind)) {
    const guess = closest(kind, RECORD_KINDS);
    throw new InputError(`"${kind}" is not a record kind${guess ? ` (did you mean "${guess}"?)` : ''}`, `use one of: ${RECORD_KINDS.join(', ')}`);
  }
  const repositories = options.repository ?? [];
  const components = options.component ?? [];
  if (kind !== 'system' && (repositories.length > 0 || components.length > 0)) throw new InputError('--repository and --component are fields of a system record', 'use them with aims new system');
  const root = findRoot(io.cwd, options.root);
  const file = await planNewRecord(root, { kind, today: io.now().toISOString().slice(0, 10), repositories, components, ...(options.id !== undefined ? { id: options.id } : {}), ...(options.title !== undefined ? { title: options.title } : {}) });
  const { existing } = await writeNewFiles(root, new Map([[file.path, file.text]]), { force: false });
  if (existing.length > 0) throw new InputError(`${file.path} already exists`, 'pass --id to choose another id');
  io.stdout(`${displayPath(io.cwd, path.join(root, file.path))}\n`);
  if (!existsSync(path.join(root, SCHEMA_DIR))) io.stderr(`aims: for editor completion, run \`aims schema --write ${SCHEMA_DIR}\`\n`);
  return ExitCode.ok;
}
