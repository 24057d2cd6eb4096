import { existsSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES_DIR } from '../../assets.js';
import { checkRepository, loadEngine } from '../../check-repository.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { InputError } from '../../model/errors.js';
import { isRecordKind, RECORD_KINDS, type RecordKind } from '../../model/record.js';
import { closest } from '../../model/suggest.js';
import { createRenderer } from '../../render/report/render-report.js';
import { readBack } from '../../render/scaffold/check-generated.js';
import { newRecordFile, nextId, SCHEMA_DIR } from '../../render/scaffold/scaffold.js';
import { builtInLayer, readTemplates, repositoryLayer } from '../../workspace/read-templates.js';
import { ExitCode } from '../exit-code.js';
import { findRoot } from '../find-root.js';
import type { Io } from '../io.js';
import { displayPath } from '../display-path.js';
import { writeNewFiles } from '../write-output.js';

/** Kinds whose new record must name a record of another kind, which must exist first. */
const NEEDS: Partial<Record<RecordKind, { kind: 'system' | 'role'; field: string }>> = {
  assessment: { kind: 'system', field: 'system' },
  competence: { kind: 'role', field: 'role' },
};

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
  const check = await checkRepository(root);
  const ids = new Set(check.records.map((r) => r.id).filter((id): id is string => id !== undefined));
  const id = options.id ?? nextId(kind, ids);
  if (ids.has(id)) throw new InputError(`a record with the id ${id} already exists`, 'choose another --id, or leave it out for the next free one');
  // A second SoA entry for the control would become a duplicate the day the first is uncommented.
  const waiting = check.commentedControls.get(id);
  if (waiting) {
    throw new InputError(
      `the SoA entry of ${id} already waits, commented out, at ${displayPath(io.cwd, path.join(root, waiting.file))}:${waiting.line}`,
      'uncomment it there and fill in `applicable` and `justification` (or delete it there first to keep the control in a file of its own)',
    );
  }
  const first = (k: string): string | undefined => check.records.find((r) => r.kind === k && r.id !== undefined)?.id;
  const needs = NEEDS[kind];
  if (needs && first(needs.kind) === undefined) {
    throw new InputError(`a new ${kind} names a ${needs.kind} in \`${needs.field}\`, and there is no ${needs.kind} record yet`, `create one first: aims new ${needs.kind}`);
  }
  const renderer = createRenderer(
    await readTemplates([repositoryLayer(root, check.config.templates), builtInLayer(TEMPLATES_DIR)]),
  );
  const firstIds = { ...(first('system') ? { system: first('system') as string } : {}), ...(first('role') ? { role: first('role') as string } : {}) };
  const title = options.title ?? `New ${kind}`;
  const file = newRecordFile({ renderer, kind, id, title, config: check.config, today: io.now().toISOString().slice(0, 10), firstIds, repositories, components });
  refuseInvalid(file, { kind, id, title, lists: kind === 'system' ? { repositories, components } : {} });
  const { existing } = await writeNewFiles(root, new Map([[file.path, file.text]]), { force: false });
  if (existing.length > 0) throw new InputError(`${file.path} already exists`, 'pass --id to choose another id');
  io.stdout(`${displayPath(io.cwd, path.join(root, file.path))}\n`);
  if (!existsSync(path.join(root, SCHEMA_DIR))) io.stderr(`aims: for editor completion, run \`aims schema --write ${SCHEMA_DIR}\`\n`);
  return ExitCode.ok;
}

/**
 * The record as aims will read it, before it is written: an error at `id` or `title` is the
 * value the user gave; any other error, or a value that does not read back as given, is the
 * template's (the user's own override, or a bug in aims).
 */
function refuseInvalid(file: { path: string; text: string }, given: { kind: RecordKind; id: string; title: string; lists: Record<string, readonly string[]> }): void {
  const [back] = readBack(new Map([[file.path, file.text]]), loadEngine().schemas);
  const errors = back?.errors ?? [];
  const at = (field: string): Diagnostic | undefined => errors.find((d) => d.location.pointer === `/${field}`);
  const badId = at('id');
  if (badId) throw new InputError(`--id ${JSON.stringify(given.id)} cannot be used: ${badId.message}`, 'for example --id RISK-HIRING-BIAS');
  const badTitle = at('title');
  if (badTitle) throw new InputError(`--title ${JSON.stringify(given.title)} cannot be used: ${badTitle.message}`);
  for (const [field, option] of [['repositories', '--repository'], ['components', '--component']] as const) {
    const bad = errors.find((d) => d.location.pointer === `/${field}` || d.location.pointer?.startsWith(`/${field}/`) === true);
    if (bad) throw new InputError(`${option} cannot be used as given: ${bad.message}`, `give each ${option} once, not empty`);
  }
  const data = back?.data[0];
  const listsBack = Object.entries(given.lists).every(([field, list]) => JSON.stringify(data?.[field]) === JSON.stringify(list));
  const roundTrip = data?.['kind'] === given.kind && data['id'] === given.id && data['title'] === given.title && listsBack;
  if (errors.length > 0 || !roundTrip) {
    const first = errors[0];
    const why = first ? `${first.location.pointer || 'the record'}: ${first.message}` : 'the id or title does not read back as given';
    throw new InputError(`the template for a new ${given.kind} wrote an invalid record (${why}); nothing was written`, 'check templates/records/ in your templates folder, or report it as a bug in aims');
  }
}
