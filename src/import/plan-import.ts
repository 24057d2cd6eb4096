import { isRealDate } from '../analyse/dates.js';
import type { AimsConfig } from '../model/config.js';
import { annexAControls, type Catalogue } from '../model/catalogue.js';
import { judgeControlTitle, titleMismatchMessage } from '../model/control-titles.js';
import type { AimsRecordData } from '../model/record.js';

/**
 * A spreadsheet (SoA or risk register) → the records to write, and every row that could not
 * be mapped with the reason. Pure: the rows come in as text, the records go out as data.
 * Nothing is invented: a row without what its record needs is listed, not padded.
 */

export type ImportKind = 'soa' | 'risks';

/** Record fields each import fills, and the column headers that name them unless mapped otherwise. */
export const IMPORT_FIELDS: Readonly<Record<ImportKind, Readonly<Record<string, readonly string[]>>>> = {
  soa: {
    id: ['id', 'control', 'control id', 'ref', 'reference', 'annex a ref', 'control ref', 'no', 'number'],
    title: ['title', 'control name', 'name', 'control title'],
    applicable: ['applicable', 'applicable?', 'applicability', 'included', 'decision'],
    justification: ['justification', 'reason', 'rationale', 'justification for inclusion/exclusion'],
    status: ['status', 'implementation status'],
    owner: ['owner', 'control owner', 'responsible'],
    implementation: ['implementation', 'how implemented', 'implementation notes', 'description'],
    annex_a: ['annex a', 'annex a mapping', 'maps to', 'annex a controls'],
  },
  risks: {
    id: ['id', 'risk id', 'ref', 'reference', 'no'],
    title: ['title', 'risk', 'risk title', 'name'],
    description: ['description', 'risk description'],
    owner: ['owner', 'risk owner'],
    likelihood: ['likelihood', 'probability'],
    impact: ['impact', 'consequence', 'severity'],
    systems: ['systems', 'system', 'ai system', 'ai systems'],
    source: ['source', 'risk source', 'cause'],
    treatment: ['treatment', 'treatment option', 'response'],
    controls: ['controls', 'treatment controls', 'mitigating controls'],
    plan: ['plan', 'treatment plan', 'action'],
    due: ['due', 'due date', 'target date'],
    status: ['status', 'risk status'],
  },
};

export interface ImportInput {
  kind: ImportKind;
  /** The sheet as text: the first row is the header. */
  rows: readonly (readonly string[])[];
  /** Field → header, from flags or a mapping file; overrides the usual header names. */
  columns: Readonly<Record<string, string>>;
  catalogue: Catalogue;
  config: AimsConfig;
  /** Ids already in the repository, by kind: never overwritten, and the targets references may name. */
  existing: ReadonlyMap<string, string>;
}

export interface SkippedRow {
  /** 1-based row number in the sheet, the header being row 1. */
  row: number;
  id: string;
  reason: string;
}

export interface ImportPlan {
  records: AimsRecordData[];
  /** The sheet row (1-based, header = 1) each record comes from, in the order of `records`. */
  rows: number[];
  skipped: SkippedRow[];
  /** Notes about rows that were imported with something left out (an unknown control in a risk's treatment). */
  notes: SkippedRow[];
  /** Fields and the header each was read from. */
  columns: Record<string, string>;
  /** Headers in the sheet that no field reads. */
  unusedColumns: string[];
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const YES = new Set(['yes', 'y', 'true', '1', 'applicable', 'included', 'include', 'in', 'x']);
const NO = new Set(['no', 'n', 'false', '0', 'not applicable', 'n/a', 'na', 'excluded', 'exclude', 'out']);
const STATUSES: Readonly<Record<string, string>> = {
  implemented: 'implemented',
  done: 'implemented',
  complete: 'implemented',
  completed: 'implemented',
  'in place': 'implemented',
  partial: 'partial',
  'partially implemented': 'partial',
  'in progress': 'partial',
  planned: 'planned',
  'not started': 'not-started',
  'not-started': 'not-started',
  'not implemented': 'not-started',
};
const TREATMENTS = new Set(['mitigate', 'accept', 'avoid', 'transfer']);
const TREATMENT_WORDS: Readonly<Record<string, string>> = { reduce: 'mitigate', treat: 'mitigate', modify: 'mitigate', share: 'transfer', retain: 'accept', tolerate: 'accept', terminate: 'avoid' };
const RISK_STATUSES = new Set(['open', 'treating', 'accepted', 'closed']);

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Which column each field reads: the given mapping first, then the usual header names. */
function resolveColumns(kind: ImportKind, header: readonly string[], given: Readonly<Record<string, string>>): { columns: Record<string, number>; problems: string[] } {
  const columns: Record<string, number> = {};
  const problems: string[] = [];
  const headers = header.map(norm);
  for (const [field, names] of Object.entries(IMPORT_FIELDS[kind])) {
    const wanted = given[field];
    if (wanted !== undefined) {
      const at = headers.indexOf(norm(wanted));
      if (at < 0) problems.push(`column "${wanted}" (for ${field}) is not in the header row`);
      else columns[field] = at;
      continue;
    }
    const at = headers.findIndex((h) => names.includes(h));
    if (at >= 0) columns[field] = at;
  }
  for (const field of Object.keys(given)) {
    if (!(field in IMPORT_FIELDS[kind])) problems.push(`"${field}" is not a field an ${kind} import fills (use ${Object.keys(IMPORT_FIELDS[kind]).join(', ')})`);
  }
  return { columns, problems };
}

/** Problems with the mapping itself (unknown fields, missing columns): the import stops before any row. */
export class MappingError extends Error {}

export function planImport(input: ImportInput): ImportPlan {
  const [header = [], ...body] = input.rows;
  const { columns, problems } = resolveColumns(input.kind, header, input.columns);
  if (problems.length > 0) throw new MappingError(problems.join('; '));
  const required = input.kind === 'soa' ? ['id'] : ['likelihood', 'impact'];
  const lacking = required.filter((f) => columns[f] === undefined);
  if (lacking.length > 0) throw new MappingError(`no column for ${lacking.join(', ')}: name it with --column ${lacking[0] ?? ''}=HEADER`);

  const plan: ImportPlan = {
    records: [],
    rows: [],
    skipped: [],
    notes: [],
    columns: Object.fromEntries(Object.entries(columns).map(([f, i]) => [f, header[i] ?? ''])),
    unusedColumns: header.filter((_, i) => !Object.values(columns).includes(i) && (header[i] ?? '').trim() !== ''),
  };
  const taken = new Set(input.existing.keys());
  // The first row that names each id: a later row with the same id is ambiguous, never written.
  const firstRow = new Map<string, number>();
  const rowId = (index: number): string => `${input.kind === 'soa' ? 'CTL' : 'RISK'}-IMP-${String(index + 2).padStart(3, '0')}`;
  body.forEach((cells, index) => {
    const get = (field: string): string => {
      const at = columns[field];
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    if (cells.every((c) => c.trim() === '')) return;
    const row = index + 2;
    const givenId = get('id');
    const first = firstRow.get(givenId);
    if (givenId && first !== undefined) {
      plan.skipped.push({ row, id: givenId, reason: `row ${first} has the same id ${givenId}: only row ${first} is read, so this row is not imported (give it its own id)` });
      return;
    }
    if (givenId) firstRow.set(givenId, row);
    const result = input.kind === 'soa' ? soaRow(get, input, rowId(index)) : riskRow(get, input, rowId(index), taken);
    if ('reason' in result) {
      plan.skipped.push({ row, id: result.id, reason: result.reason });
      return;
    }
    const id = result.record.id ?? '';
    if (input.existing.has(id)) {
      plan.skipped.push({ row, id, reason: `a record with the id ${id} already exists (${input.existing.get(id) ?? ''}); it is not overwritten` });
      return;
    }
    if (taken.has(id)) {
      plan.skipped.push({ row, id, reason: `${id} is the id given to another row of this sheet` });
      return;
    }
    taken.add(id);
    plan.records.push(result.record);
    plan.rows.push(row);
    for (const note of result.notes) plan.notes.push({ row, id, reason: note });
  });
  return plan;
}

type RowResult = { record: AimsRecordData; notes: string[] } | { id: string; reason: string };

function soaRow(get: (f: string) => string, input: ImportInput, fallbackId: string): RowResult {
  const rawId = get('id');
  const title = get('title');
  const label = rawId || fallbackId;
  if (!rawId) return { id: label, reason: 'no control id' };
  const entry = input.catalogue.byId.get(rawId);
  const annexLike = /^A\.\d/i.test(rawId);
  if (annexLike && entry?.kind !== 'control') return { id: rawId, reason: `${rawId} looks like an Annex A id but is not one of the 38 controls` };
  if (entry?.kind === 'control' && title) {
    const verdict = judgeControlTitle(input.catalogue, rawId, title);
    if (!verdict.fits) return { id: rawId, reason: titleMismatchMessage(verdict, title) };
  }
  if (!ID.test(rawId)) return { id: rawId, reason: `"${rawId}" cannot be a record id (letters, digits, dots, dashes and underscores only)` };
  const applicableText = norm(get('applicable'));
  const applicable = YES.has(applicableText) ? true : NO.has(applicableText) ? false : undefined;
  if (applicable === undefined) return { id: rawId, reason: applicableText ? `applicability "${get('applicable')}" is neither yes nor no` : 'no applicability decision' };
  const justification = get('justification');
  if (!justification) return { id: rawId, reason: 'no justification: an SoA decision needs one' };
  const record: Record<string, unknown> = { kind: 'control', id: rawId, title: title || entry?.title || rawId, applicable, justification };
  const notes: string[] = [];
  const statusText = norm(get('status'));
  if (statusText) {
    const status = STATUSES[statusText];
    if (status) record['status'] = status;
    else notes.push(`status "${get('status')}" is not one of implemented, partial, planned, not started: left out`);
  }
  const owner = get('owner');
  if (owner) record['owner'] = owner;
  const implementation = get('implementation');
  if (implementation) record['implementation'] = implementation;
  if (entry?.kind !== 'control') {
    const { ids, unknown } = splitIds(get('annex_a'), (id) => input.catalogue.byId.get(id)?.kind === 'control');
    if (ids.length > 0) record['annex_a'] = ids;
    if (unknown.length > 0) notes.push(`${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not Annex A control${unknown.length === 1 ? '' : 's'}: left out of annex_a`);
  }
  return { record: record as unknown as AimsRecordData, notes };
}

function riskRow(get: (f: string) => string, input: ImportInput, fallbackId: string, known: ReadonlySet<string>): RowResult {
  const rawId = get('id');
  const id = rawId || fallbackId;
  if (!ID.test(id)) return { id, reason: `"${id}" cannot be a record id (letters, digits, dots, dashes and underscores only)` };
  const title = get('title') || get('description');
  if (!title) return { id, reason: 'no title or description' };
  const notes: string[] = [];
  const likelihood = onScale(get('likelihood'), input.config.risk.likelihood);
  const impact = onScale(get('impact'), input.config.risk.impact);
  for (const [name, value, scale] of [
    ['likelihood', likelihood, input.config.risk.likelihood],
    ['impact', impact, input.config.risk.impact],
  ] as const) {
    if (value === undefined) return { id, reason: `${name} "${get(name)}" is not on the ${name} scale in aims.yaml (${scale.join(', ')}), nor a position 1–${scale.length} on it` };
  }
  const record: Record<string, unknown> = { kind: 'risk', id, title, likelihood, impact };
  const description = get('description');
  if (description && description !== title) record['description'] = description;
  const owner = get('owner');
  if (owner) record['owner'] = owner;
  const source = get('source');
  if (source) record['source'] = source;
  const systems = splitIds(get('systems'), (s) => input.existing.get(s) === 'system');
  if (systems.ids.length > 0) record['systems'] = systems.ids;
  if (systems.unknown.length > 0) notes.push(`no system record has the id ${systems.unknown.join(', ')}: left out of systems`);
  const treatmentText = norm(get('treatment'));
  const option = TREATMENTS.has(treatmentText) ? treatmentText : TREATMENT_WORDS[treatmentText];
  const controls = splitIds(get('controls'), (c) => known.has(c) || input.catalogue.byId.get(c)?.kind === 'control');
  if (controls.unknown.length > 0) notes.push(`no control record has the id ${controls.unknown.join(', ')}: left out of the treatment`);
  if (treatmentText && !option) notes.push(`treatment "${get('treatment')}" is not one of mitigate, accept, avoid, transfer: left out`);
  if (option) {
    const treatment: Record<string, unknown> = { option };
    if (controls.ids.length > 0) treatment['controls'] = controls.ids;
    const plan = get('plan');
    if (plan) treatment['plan'] = plan;
    const due = get('due');
    if (isRealDate(due)) treatment['due'] = due;
    else if (due) notes.push(`due date "${due}" is not a real date written YYYY-MM-DD: left out`);
    record['treatment'] = treatment;
  }
  const status = norm(get('status'));
  if (RISK_STATUSES.has(status)) record['status'] = status;
  else if (status) notes.push(`status "${get('status')}" is not one of open, treating, accepted, closed: left out`);
  return { record: record as unknown as AimsRecordData, notes };
}

/** A level of the scale by name (any case), or by its 1-based position. */
function onScale(text: string, scale: readonly string[]): string | undefined {
  const byName = scale.find((level) => norm(level) === norm(text));
  if (byName !== undefined) return byName;
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= scale.length ? scale[n - 1] : undefined;
}

function splitIds(text: string, exists: (id: string) => boolean): { ids: string[]; unknown: string[] } {
  const parts = text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return { ids: parts.filter(exists), unknown: parts.filter((p) => !exists(p)) };
}

/** Annex A controls of the catalogue that the plan leaves undecided, for the summary. */
export function undecidedAfter(plan: ImportPlan, catalogue: Catalogue, existing: ReadonlyMap<string, string>): string[] {
  const decided = new Set([...plan.records.map((r) => r.id), ...existing.keys()]);
  return annexAControls(catalogue)
    .map((c) => c.id)
    .filter((id) => !decided.has(id));
}
