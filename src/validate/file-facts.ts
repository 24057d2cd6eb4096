import { createHash } from 'node:crypto';
import type { RecordKind } from '../model/record.js';
import type { PathKind } from '../model/snapshot.js';
import type { RawRecord, RecordRef, RoleRef } from './raw-record.js';
import { evidencePath } from '../model/evidence.js';
import { citedEvidence } from './rules/evidence-paths.js';

/**
 * What the cross-record rules know of one file's records while they judge another file's:
 * each record's kind, id and place, the roles' titles and holders, the SoA entries waiting
 * commented out, and the evidence cited (to look at on disk). Small enough to keep per file in
 * the `--cache`, so that a warm run judges only the files that changed (see worldDigest).
 */
export interface FileFacts {
  /** Each record in order: kind, id (null: none), document, line. */
  refs: [RecordKind, string | null, number, number][];
  /** Each role with an id: id, title and holder (null: not text). */
  roles: [string, string | null, string | null][];
  /** `# id: A.6.2.4` lines, as `aims init` leaves each undecided SoA entry, in order. */
  commented: string[];
  /** The repository paths cited as evidence (normalised; URLs and paths out of the repository left out), each once, in order. */
  cited: string[];
}

const COMMENTED_ID = /^#[ \t]*id:[ \t]*["']?([^"'\s#]+)["']?[ \t]*$/gm;

export function factsOf(raw: readonly RawRecord[], text: string | undefined): FileFacts {
  const facts: FileFacts = { refs: [], roles: [], commented: [], cited: [] };
  const cited = new Set<string>();
  for (const r of raw) {
    facts.refs.push([r.kind, r.id ?? null, r.origin.document, r.origin.line]);
    if (r.kind === 'role' && r.id !== undefined) facts.roles.push([r.id, textOrNull(r.data['title']), textOrNull(r.data['holder'])]);
    for (const { value } of citedEvidence(r)) {
      const path = evidencePath(value);
      if (path !== undefined) cited.add(path);
    }
  }
  facts.cited = [...cited];
  if (text !== undefined) for (const m of text.matchAll(COMMENTED_ID)) facts.commented.push(m[1] as string);
  return facts;
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The records of a file as the rules see them from elsewhere. */
export function refsOf(file: string, facts: FileFacts): RecordRef[] {
  return facts.refs.map(([kind, id, document, line]) => ({ kind, ...(id === null ? {} : { id }), origin: { file, document, line } }));
}

export function rolesOf(facts: FileFacts): RoleRef[] {
  return facts.roles.map(([id, title, holder]) => ({ id, ...(title === null ? {} : { title }), ...(holder === null ? {} : { holder }) }));
}

/** Whether a value read back from a cache is FileFacts (anything else is not used). */
export function isFileFacts(value: unknown): value is FileFacts {
  if (value === null || typeof value !== 'object') return false;
  const f = value as Partial<Record<keyof FileFacts, unknown>>;
  return (
    Array.isArray(f.refs) &&
    f.refs.every((r) => Array.isArray(r) && r.length === 4 && typeof r[0] === 'string' && (r[1] === null || typeof r[1] === 'string') && Number.isInteger(r[2]) && Number.isInteger(r[3])) &&
    Array.isArray(f.roles) &&
    f.roles.every((r) => Array.isArray(r) && r.length === 3 && typeof r[0] === 'string' && (r[1] === null || typeof r[1] === 'string') && (r[2] === null || typeof r[2] === 'string')) &&
    Array.isArray(f.commented) &&
    f.commented.every((c) => typeof c === 'string') &&
    Array.isArray(f.cited) &&
    f.cited.every((c) => typeof c === 'string')
  );
}

/** What the judgement of one file's records depends on beyond the file itself. */
export interface World {
  files: readonly { path: string; facts: FileFacts }[];
  /** The kinds of the paths aims looked at (record folders, cited evidence), in the order it learnt them. */
  paths: ReadonlyMap<string, PathKind>;
  blank: ReadonlySet<string>;
  /** The day suppressions expire by, and the day after which a fact is in the future. */
  today?: string;
  futureAfter?: string;
}

/**
 * A digest of everything the cross-record rules and suppressions read besides the records they
 * judge (aims's version, schemas, catalogue and aims.yaml are in the cache key already): while
 * it is unchanged, an unchanged file's diagnostics are what they were, and only the files that
 * changed need judging. Order is kept where the rules' answers depend on it (did-you-mean ties).
 */
export function worldDigest(world: World): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([world.today ?? null, world.futureAfter ?? null]));
  for (const f of world.files) hash.update(`\n${JSON.stringify([f.path, f.facts])}`);
  hash.update('\npaths');
  for (const [path, kind] of world.paths) hash.update(`\n${JSON.stringify([path, kind])}`);
  hash.update('\nblank');
  for (const path of [...world.blank].sort()) hash.update(`\n${JSON.stringify(path)}`);
  return hash.digest('hex');
}
