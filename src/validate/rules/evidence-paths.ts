import { posix } from 'node:path';
import type { Diagnostic } from '../../model/diagnostic.js';
import { RULES } from '../../model/codes.js';
import type { PathKind, RepoSnapshot } from '../../model/snapshot.js';
import { classifyEvidence, type EvidenceSubstance, type EvidenceTarget } from '../../model/evidence.js';
import { closest } from '../../model/suggest.js';
import { type Rule, stringsAt } from '../raw-record.js';

/** Fields that cite evidence, by kind. */
const EVIDENCE_FIELDS: readonly { from: string; path: string }[] = [
  { from: '*', path: 'evidence[]' },
  { from: 'competence', path: 'holders[].evidence[]' },
];

/** The substance facts of a snapshot: its blank evidence files and its record files. */
export function substanceOf(snapshot: Pick<RepoSnapshot, 'blankFiles' | 'recordFiles'>): EvidenceSubstance {
  return { blank: snapshot.blankFiles ?? new Set(), records: new Set(snapshot.recordFiles.map((f) => f.path)) };
}

/** The files among the cited repository paths (normalised, as evidencePath gives them). */
export function citedFiles(cited: Iterable<string>, paths: ReadonlyMap<string, PathKind>): string[] {
  return [...new Set([...cited].filter((path) => paths.get(path) === 'file'))].sort();
}

type Citation = { value: string; pointer: string };

/**
 * Each record's citations, found once per data object (the probe, the look for blank files and
 * the rule all ask for them; a record's data is never changed once read).
 */
const CITED = new WeakMap<object, { kind: string; refs: readonly Citation[] }>();

/** Every evidence reference a record cites, with its JSON pointer. */
export function citedEvidence(record: { kind: string; data: unknown }): readonly Citation[] {
  const key = record.data !== null && typeof record.data === 'object' ? record.data : undefined;
  const known = key && CITED.get(key);
  if (known && known.kind === record.kind) return known.refs;
  const refs = EVIDENCE_FIELDS.filter((f) => f.from === '*' || f.from === record.kind).flatMap((f) => stringsAt(record.data, f.path));
  // A DPIA given as a path (rather than a document id) is evidence too.
  if (record.kind === 'assessment') refs.push(...stringsAt(record.data, 'dpia').filter((r) => r.value.includes('/')));
  if (key) CITED.set(key, { kind: record.kind, refs });
  return refs;
}

/**
 * Every cited evidence path exists inside the repository; URLs are https and are not fetched.
 * Evidence that is there but shows nothing (empty, the record's own file, a placeholder URL)
 * is a warning here, and does not count in `aims gap`.
 */
export const evidencePaths: Rule = ({ records, paths, substance }) => {
  const out: Diagnostic[] = [];
  let folders: Map<string, Entries> | undefined;
  // Thousands of records cite the same few files: each reference is classified once.
  const targets = new Map<string, EvidenceTarget>();
  for (const record of records) {
    for (const { value, pointer } of citedEvidence(record)) {
      let target = targets.get(value);
      if (!target) targets.set(value, (target = classifyEvidence(value, paths, substance)));
      if (target.type !== 'problem') continue;
      let message = target.message;
      if (target.rule === 'evidence/missing') {
        folders ??= entriesByFolder(paths);
        const guess = suggestPath(posix.normalize(value), folders);
        if (guess) message += ` (did you mean \`${guess}\`?)`;
      }
      out.push({
        rule: target.rule,
        severity: RULES[target.rule].severity,
        message,
        location: { file: record.origin.file, document: record.origin.document, pointer },
      });
    }
  }
  return out;
};

/** A close folder is looked for at most this many folders up from a missing path. */
const MAX_LEVELS_UP = 10;

interface Entries {
  files: string[];
  folders: string[];
}

/**
 * A close existing path for a missing one, from what aims looked at (the record folders, and
 * the names of the nearest existing folder of each missing evidence path): a file of a close
 * name in the same folder, or, where that folder is missing, a folder of a close name in place
 * of the first missing one (`evidence/polcy/a.md` → `evidence/policy/`).
 */
function suggestPath(normal: string, folders: ReadonlyMap<string, Entries>): string | undefined {
  const folder = posix.dirname(normal);
  const prefix = (dir: string): string => (dir === '.' || dir === '' ? '' : `${dir}/`);
  const siblings = folders.get(folder === '.' ? '' : folder);
  if (siblings) {
    const file = closest(posix.basename(normal), siblings.files);
    return file === undefined ? undefined : prefix(folder) + file;
  }
  const parts = normal.split('/');
  // A few folders up at most: the probe lists the nearest existing one, and a hostile path of thousands of folders stays linear.
  for (let i = parts.length - 2; i >= Math.max(0, parts.length - 1 - MAX_LEVELS_UP); i--) {
    const ancestor = parts.slice(0, i).join('/');
    const entries = folders.get(ancestor);
    if (!entries) continue;
    const guess = closest(parts[i] as string, entries.folders);
    return guess === undefined ? undefined : `${prefix(ancestor)}${guess}/`;
  }
  return undefined;
}

function entriesByFolder(paths: ReadonlyMap<string, PathKind>): Map<string, Entries> {
  const map = new Map<string, Entries>();
  for (const [path, kind] of paths) {
    if (kind !== 'file' && kind !== 'dir') continue;
    const folder = posix.dirname(path);
    const key = folder === '.' ? '' : folder;
    let entries = map.get(key);
    if (!entries) map.set(key, (entries = { files: [], folders: [] }));
    (kind === 'file' ? entries.files : entries.folders).push(posix.basename(path));
  }
  return map;
}
