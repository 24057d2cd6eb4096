import { posix } from 'node:path';
import { CACHE_DIR, CACHE_GITIGNORE } from '../../model/cache.js';
import type { AimsConfig } from '../../model/config.js';
import type { Catalogue } from '../../model/catalogue.js';
import type { RecordKind } from '../../model/record.js';
import type { Renderer } from '../report/render-report.js';

/** Where editors find the schemas: aims init writes them here, aims schema --write refreshes them. */
export const SCHEMA_DIR = '.aims/schemas';

/** What `aims init` wrote, so `init --force` restores a missing file only if the user never had it (never one they deleted). */
export const SCAFFOLD_LIST = '.aims/scaffold.json';

/** The conventional folder and id prefix of each kind, for `aims new` and `aims init`. */
export const KIND_LAYOUT: Readonly<Record<RecordKind, { folder: string; prefix: string }>> = {
  context: { folder: 'aims', prefix: 'CTX' },
  scope: { folder: 'aims', prefix: 'SCOPE' },
  policy: { folder: 'aims/policies', prefix: 'POL' },
  role: { folder: 'aims/roles', prefix: 'ROLE' },
  system: { folder: 'aims/systems', prefix: 'SYS' },
  risk: { folder: 'aims/risks', prefix: 'RISK' },
  assessment: { folder: 'aims/assessments', prefix: 'AIA' },
  control: { folder: 'aims/controls', prefix: 'CTL' },
  objective: { folder: 'aims/objectives', prefix: 'OBJ' },
  competence: { folder: 'aims/competence', prefix: 'COMP' },
  audit: { folder: 'aims/audits', prefix: 'AUD' },
  review: { folder: 'aims/reviews', prefix: 'MR' },
  nonconformity: { folder: 'aims/nonconformities', prefix: 'NC' },
  document: { folder: 'aims/documents', prefix: 'DOC' },
  supplier: { folder: 'aims/suppliers', prefix: 'SUP' },
  incident: { folder: 'aims/incidents', prefix: 'INC' },
  dataset: { folder: 'aims/datasets', prefix: 'DATA' },
};

/** The schema folder as seen from a file, for its `# yaml-language-server: $schema=` line. */
function schemaDirFrom(file: string): string {
  return posix.relative(posix.dirname(file), SCHEMA_DIR) || '.';
}

const INIT_TEMPLATES = [
  'aims.yaml',
  'aims/context.yaml',
  'aims/scope.yaml',
  'aims/policies/ai-policy.yaml',
  'aims/roles/ai-governance-lead.yaml',
  'aims/systems/example-system.yaml',
] as const;

/**
 * The files `aims init` creates, path → text: aims.yaml with commented defaults, a few
 * starting records, one file of commented-out SoA entries per Annex A objective, the
 * schemas for editors, a VS Code mapping from the record folders to them, and a .gitignore
 * that keeps the --cache folder out of git.
 */
export function initFiles(input: { renderer: Renderer; catalogue: Catalogue; schemas: ReadonlyMap<string, string>; organisation: string; today: string }): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of INIT_TEMPLATES) {
    const data = { organisation: input.organisation, today: input.today, schemaDir: schemaDirFrom(file), repositories: [], components: [] };
    files.set(file, input.renderer.render(`init/${file}.hbs`, data));
  }
  const objectives = input.catalogue.entries.filter((e) => e.kind === 'objective' && e.parent === null);
  for (const objective of objectives) {
    const controls = input.catalogue.entries.filter((e) => e.kind === 'control' && (e.parent === objective.id || e.parent?.startsWith(`${objective.id}.`)));
    const file = `aims/controls/${objective.id.toLowerCase().replace(/\./g, '')}-${slug(objective.title)}.yaml`;
    files.set(file, input.renderer.render('init/control-file.yaml.hbs', { objective, controls, today: input.today, schemaDir: schemaDirFrom(file) }));
  }
  for (const [name, text] of input.schemas) files.set(`${SCHEMA_DIR}/${name}`, text);
  files.set('.vscode/settings.json', vscodeSettings());
  files.set(`${CACHE_DIR}/.gitignore`, CACHE_GITIGNORE);
  return files;
}

/** The folder of every kind, so that a record can be saved straight into it. */
export function kindFolders(): string[] {
  return [...new Set(Object.values(KIND_LAYOUT).map((l) => l.folder))].sort();
}

/** The scaffold list as written to SCAFFOLD_LIST. */
export function scaffoldList(files: Iterable<string>): string {
  return JSON.stringify({ generator: 'aims', files: [...new Set(files)].sort() }, null, 2) + '\n';
}

/** The files a scaffold list names; an unreadable or foreign list names none. */
export function parseScaffoldList(text: string): Set<string> {
  try {
    const value = JSON.parse(text) as { generator?: unknown; files?: unknown };
    if (value.generator === 'aims' && Array.isArray(value.files)) return new Set(value.files.filter((f): f is string => typeof f === 'string'));
  } catch {
    // not JSON: treated as no list
  }
  return new Set();
}

function vscodeSettings(): string {
  const settings = {
    'yaml.schemas': {
      [`./${SCHEMA_DIR}/any-record.schema.json`]: ['aims/**/*.yaml', 'aims/**/*.yml'],
      [`./${SCHEMA_DIR}/config.schema.json`]: ['aims.yaml'],
    },
  };
  return JSON.stringify(settings, null, 2) + '\n';
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 4)
    .join('-');
}

/** The next free id of a kind: RISK-007 after RISK-006, keeping the widest zero padding in use (at least 3). */
export function nextId(kind: RecordKind, existing: Iterable<string>): string {
  const { prefix } = KIND_LAYOUT[kind];
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  let max = 0;
  let width = 3;
  for (const id of existing) {
    const m = pattern.exec(id);
    if (!m) continue;
    max = Math.max(max, Number(m[1]));
    width = Math.max(width, (m[1] as string).length);
  }
  return `${prefix}-${String(max + 1).padStart(width, '0')}`;
}

/** A new record of a kind from templates/records/<kind>.yaml.hbs, with its conventional path. */
export function newRecordFile(input: {
  renderer: Renderer;
  kind: RecordKind;
  id: string;
  title: string;
  config: AimsConfig;
  today: string;
  /** Ids to start references from (an assessment names a system, competence a role), so the new record is valid. */
  firstIds: { system?: string; role?: string };
  /** A system's `repositories` and `components` (aims new system --repository/--component). */
  repositories?: readonly string[];
  components?: readonly string[];
}): { path: string; text: string } {
  const file = `${KIND_LAYOUT[input.kind].folder}/${input.id.toLowerCase()}.yaml`;
  const text = input.renderer.render(`records/${input.kind}.yaml.hbs`, {
    id: input.id,
    title: input.title,
    today: input.today,
    schema: `${schemaDirFrom(file)}/${input.kind}.schema.json`,
    // The scales are shown, not chosen: rating a risk is the user's judgement.
    likelihoodScale: input.config.risk.likelihood,
    impactScale: input.config.risk.impact,
    system: input.firstIds.system ?? '',
    role: input.firstIds.role ?? '',
    owner: input.firstIds.role ?? 'Replace with the accountable person or role id',
    repositories: input.repositories ?? [],
    components: input.components ?? [],
  });
  return { path: file, text };
}
