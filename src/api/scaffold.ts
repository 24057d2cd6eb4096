import { readSchemaTexts, TEMPLATES_DIR } from '../assets.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { InputError } from '../model/errors.js';
import type { RecordKind } from '../model/record.js';
import { createRenderer } from '../render/report/render-report.js';
import { readBack } from '../render/scaffold/check-generated.js';
import { initFiles, newRecordFile, nextId } from '../render/scaffold/scaffold.js';
import { readGitFacts } from '../workspace/git.js';
import { builtInLayer, readTemplates, repositoryLayer } from '../workspace/read-templates.js';
import { checkRepository, loadEngine } from './check.js';

/** The scaffold command family: the files `aims init` and `aims new` create. Nothing here writes. */

export { kindFolders, parseScaffoldList, SCAFFOLD_LIST, SCHEMA_DIR, scaffoldList } from '../render/scaffold/scaffold.js';

export interface InitOptions {
  organisation: string;
  /** Today (YYYY-MM-DD), for the scaffold's dates: the library never reads the clock. */
  today: string;
}

export interface InitPlan {
  /** Repository path → text, for every file a new AIMS starts with. */
  files: Map<string, string>;
}

/** What `aims init` would create (paths relative to the new AIMS's root), read back and validated first. */
export async function planInit(options: InitOptions): Promise<InitPlan> {
  const renderer = createRenderer(await readTemplates([builtInLayer(TEMPLATES_DIR)]));
  const files = initFiles({ renderer, catalogue: loadEngine().catalogue, schemas: readSchemaTexts(), organisation: options.organisation, today: options.today });
  refuseInvalidScaffold(files, options.organisation);
  return { files };
}

/** What init would write, read back as aims reads it: a value that cannot stand is refused before anything is written. */
function refuseInvalidScaffold(files: ReadonlyMap<string, string>, organisation: string): void {
  const back = readBack(files, loadEngine().schemas);
  const config = back.find((b) => b.path === 'aims.yaml');
  const badName = config?.errors.find((d) => d.location.pointer === '/organisation');
  if (badName) throw new InputError(`--organisation ${JSON.stringify(organisation)} cannot be used: ${badName.message}`);
  const broken = back.find((b) => b.errors.length > 0);
  if (broken || config?.data[0]?.['organisation'] !== organisation) {
    const why = broken ? `${broken.path}: ${broken.errors[0]?.message ?? ''}` : 'the organisation does not read back as given';
    throw new Error(`init would write an invalid scaffold (${why})`);
  }
}

/** Whether `dir` is inside a git work tree (aims uses its history as audit evidence). */
export async function inGitWorkTree(dir: string): Promise<boolean> {
  const facts = await readGitFacts(dir, { history: false });
  return facts.problem !== 'not-a-repository' && facts.problem !== 'no-git';
}

export interface NewRecordOptions {
  kind: RecordKind;
  id?: string;
  title?: string;
  today: string;
  /** For a system: the code repositories and components that are it (what aims discover matches). */
  repositories?: readonly string[];
  components?: readonly string[];
}

export interface NewRecordPlan {
  /** Repository-relative path and text of the new record file. */
  path: string;
  text: string;
}

/** Kinds whose new record must name a record of another kind, which must exist first. */
const NEEDS: Partial<Record<RecordKind, { kind: 'system' | 'role'; field: string }>> = {
  assessment: { kind: 'system', field: 'system' },
  competence: { kind: 'role', field: 'role' },
};

/** The record `aims new` would add to the AIMS at `root`: the next free id, in the kind's conventional folder, read back and validated. */
export async function planNewRecord(root: string, options: NewRecordOptions): Promise<NewRecordPlan> {
  const { kind } = options;
  const check = await checkRepository(root);
  const ids = new Set(check.records.map((r) => r.id).filter((id): id is string => id !== undefined));
  const id = options.id ?? nextId(kind, ids);
  if (ids.has(id)) throw new InputError(`a record with the id ${id} already exists`, 'choose another --id, or leave it out for the next free one');
  // A second SoA entry for the control would become a duplicate the day the first is uncommented.
  const waiting = check.commentedControls.get(id);
  if (waiting) {
    throw new InputError(
      `the SoA entry of ${id} already waits, commented out, at ${waiting.file}:${waiting.line}`,
      'uncomment it there and fill in `applicable` and `justification` (or delete it there first to keep the control in a file of its own)',
    );
  }
  const first = (k: string): string | undefined => check.records.find((r) => r.kind === k && r.id !== undefined)?.id;
  const needs = NEEDS[kind];
  if (needs && first(needs.kind) === undefined) {
    throw new InputError(`a new ${kind} names a ${needs.kind} in \`${needs.field}\`, and there is no ${needs.kind} record yet`, `create one first: aims new ${needs.kind}`);
  }
  const renderer = createRenderer(await readTemplates([repositoryLayer(root, check.config.templates), builtInLayer(TEMPLATES_DIR)]));
  const system = first('system');
  const role = first('role');
  const firstIds = { ...(system ? { system } : {}), ...(role ? { role } : {}) };
  const title = options.title ?? `New ${kind}`;
  const repositories = [...(options.repositories ?? [])];
  const components = [...(options.components ?? [])];
  const file = newRecordFile({ renderer, kind, id, title, config: check.config, today: options.today, firstIds, repositories, components });
  refuseInvalidRecord(file, { kind, id, title, lists: kind === 'system' ? { repositories, components } : {} });
  return { path: file.path, text: file.text };
}

/**
 * The record as aims will read it, before it is written: an error at `id` or `title` is the
 * value the user gave; any other error, or a value that does not read back as given, is the
 * template's (the user's own override, or a bug in aims).
 */
function refuseInvalidRecord(file: { path: string; text: string }, given: { kind: RecordKind; id: string; title: string; lists: Record<string, readonly string[]> }): void {
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
