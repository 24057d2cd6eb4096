import type { RecordKind, Origin } from '../model/record.js';
import type { AimsConfig } from '../model/config.js';
import type { Catalogue } from '../model/catalogue.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { PathKind } from '../model/snapshot.js';
import type { EvidenceSubstance } from '../model/evidence.js';

/**
 * A record as the cross-record rules see it: the parsed data as written, not yet pruned of
 * schema errors, so that the positions of list items stay as they are in the file.
 */
export interface RawRecord {
  kind: RecordKind;
  id?: string;
  origin: Origin;
  data: Readonly<Record<string, unknown>>;
  /** The YAML had syntax errors: the data is partial, so rules about what is absent stay silent. */
  broken?: boolean;
}

/** Another record as the cross-record rules see it: its kind, id and place, not its data. */
export interface RecordRef {
  kind: RecordKind;
  id?: string;
  origin: Origin;
}

/** A role as the owner rule sees it: its id, and its title and holder where they are text. */
export interface RoleRef {
  id: string;
  title?: string;
  holder?: string;
}

export interface RuleContext {
  /** The records to judge: every record, or on a warm `--cache` run only those of the files that changed. */
  records: readonly RawRecord[];
  /** Every record of the repository, in file order: what the rules know of the others. */
  all: readonly RecordRef[];
  /** Every record by id; more than one entry means a duplicate id. */
  byId: ReadonlyMap<string, readonly RecordRef[]>;
  /** Every role with an id, in file order. */
  roles: readonly RoleRef[];
  config: AimsConfig;
  catalogue: Catalogue;
  paths: ReadonlyMap<string, PathKind>;
  /** Which evidence files show nothing; absent when the files were not looked at. */
  substance?: EvidenceSubstance;
  /** Today (YYYY-MM-DD): a fact dated later is not a fact yet. */
  today?: string;
  /** The record file where a control's entry waits commented out (as `aims init` writes the SoA), if any. */
  waitingEntry?: (id: string) => string | undefined;
}

export type Rule = (context: RuleContext) => Diagnostic[];

/** A value found at a path pattern, with its JSON pointer. */
export interface Found {
  value: unknown;
  pointer: string;
}

/**
 * Every value at a path such as `treatment.controls[]` or `findings[].ref` in a record's data.
 * `[]` walks the items of a list; anything that is not there yields nothing.
 */
export function valuesAt(data: unknown, path: string): Found[] {
  const out: Found[] = [];
  collect(data, pathParts(path), 0, '', false, out);
  return out;
}

/**
 * Depth first, in document order; a pointer is spelled only for what is found (every rule asks
 * a few paths of every record, and most are absent).
 */
function collect(value: unknown, parts: readonly { key: string; isList: boolean }[], at: number, pointer: string, stringsOnly: boolean, out: Found[]): void {
  const part = parts[at];
  if (part === undefined) {
    if (!stringsOnly || typeof value === 'string') out.push({ value, pointer });
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  if (!Object.prototype.hasOwnProperty.call(value, part.key)) return;
  const child = (value as Record<string, unknown>)[part.key];
  const childPointer = `${pointer}/${part.key}`;
  if (!part.isList) collect(child, parts, at + 1, childPointer, stringsOnly, out);
  else if (Array.isArray(child)) for (let i = 0; i < child.length; i++) collect(child[i], parts, at + 1, `${childPointer}/${i}`, stringsOnly, out);
}

/** The steps of a path pattern, split once per pattern (the rules ask the same few patterns of every record). */
const PARTS = new Map<string, readonly { key: string; isList: boolean }[]>();
function pathParts(path: string): readonly { key: string; isList: boolean }[] {
  let parts = PARTS.get(path);
  if (!parts) {
    parts = path.split('.').map((part) => (part.endsWith('[]') ? { key: part.slice(0, -2), isList: true } : { key: part, isList: false }));
    PARTS.set(path, parts);
  }
  return parts;
}

/** The string values at a path: what reference rules check (non-strings are the schema's to report). */
export function stringsAt(data: unknown, path: string): { value: string; pointer: string }[] {
  const out: Found[] = [];
  collect(data, pathParts(path), 0, '', true, out);
  return out as { value: string; pointer: string }[];
}
