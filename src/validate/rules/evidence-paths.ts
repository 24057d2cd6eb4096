import { shortValue } from '../../model/escape.js';
import { posix } from 'node:path';
import type { Diagnostic } from '../../model/diagnostic.js';
import { RULES, type RuleId } from '../../model/codes.js';
import type { PathKind, RepoSnapshot } from '../../model/snapshot.js';
import { closest } from '../../model/suggest.js';
import { type Rule, stringsAt } from '../raw-record.js';

export type EvidenceTarget =
  | { type: 'url'; url: string }
  | { type: 'file'; path: string }
  | { type: 'problem'; rule: RuleId; message: string; /** Where the reference points, when it points at a file that is there. */ path?: string };

/**
 * What the evidence files hold, beyond existing: files with no content (empty or whitespace
 * only), and the record files themselves (a record citing its own YAML shows nothing new).
 */
export interface EvidenceSubstance {
  blank: ReadonlySet<string>;
  records: ReadonlySet<string>;
}

/**
 * What an evidence reference is: an https URL, a file inside the repository, or a problem.
 * Pure: answered from the path index, which never follows links out of the root. With
 * `substance`, a file that shows nothing (blank, or a record file) is a problem too.
 */
export function classifyEvidence(reference: string, paths: ReadonlyMap<string, PathKind>, substance?: EvidenceSubstance): EvidenceTarget {
  if (/^https:\/\/[^\s/]+/i.test(reference)) {
    const host = placeholderHost(reference);
    if (host) return { type: 'problem', rule: 'evidence/placeholder-url', message: `\`${shortValue(reference)}\` points at ${host}, a placeholder address that shows nothing` };
    return { type: 'url', url: reference };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(reference) || /^(mailto|file|data|javascript):/i.test(reference)) {
    return { type: 'problem', rule: 'evidence/bad-url', message: `\`${shortValue(reference)}\` is not an https:// URL` };
  }
  if (reference.startsWith('/') || reference.startsWith('\\') || /^[a-z]:[\\/]/i.test(reference)) {
    return { type: 'problem', rule: 'evidence/outside', message: `\`${shortValue(reference)}\` is an absolute path: evidence must be cited relative to the repository root` };
  }
  let normal = posix.normalize(reference.replace(/\\/g, '/'));
  while (normal.endsWith('/')) normal = normal.slice(0, -1); // a loop: /\/+$/ is quadratic on a long run of slashes
  if (normal === '..' || normal.startsWith('../')) {
    return { type: 'problem', rule: 'evidence/outside', message: `\`${shortValue(reference)}\` leaves the repository` };
  }
  const kind = paths.get(normal);
  if (kind === 'file') {
    if (substance?.blank.has(normal)) return { type: 'problem', rule: 'evidence/empty', message: `\`${shortValue(reference)}\` is empty: it shows nothing`, path: normal };
    if (substance?.records.has(normal)) return { type: 'problem', rule: 'evidence/self', message: `\`${shortValue(reference)}\` is a record file: a record is not evidence of itself`, path: normal };
    return { type: 'file', path: normal };
  }
  if (kind === 'dir') return { type: 'problem', rule: 'evidence/not-a-file', message: `\`${shortValue(reference)}\` is a directory; cite the files in it` };
  if (kind === 'unreadable') return { type: 'problem', rule: 'evidence/unreadable', message: `\`${shortValue(reference)}\` cannot be read (no permission, or larger than max_evidence_size in aims.yaml)` };
  if (kind === 'special') return { type: 'problem', rule: 'evidence/not-a-file', message: `\`${shortValue(reference)}\` is not a regular file (a named pipe, device or socket)` };
  if (kind === 'link-outside' || throughOutsideLink(normal, paths)) {
    return { type: 'problem', rule: 'evidence/outside', message: `\`${shortValue(reference)}\` is a link that points outside the repository` };
  }
  return { type: 'problem', rule: 'evidence/missing', message: `\`${shortValue(reference)}\` does not exist` };
}

/**
 * The host of a URL reserved for examples and documentation (RFC 2606, 6761, 5737, 3849),
 * or a local one: such a link was left from a template or a test, it shows nothing.
 */
function placeholderHost(reference: string): string | undefined {
  let host: string;
  try {
    host = new URL(reference).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
  const bare = host.replace(/^\[|\]$/g, '');
  const reserved =
    /(^|\.)example\.(com|org|net)$/.test(host) ||
    /(^|\.)(example|test|invalid|localhost)$/.test(host) ||
    /^(127\.|0\.0\.0\.0$|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.)/.test(host) ||
    bare === '::1' ||
    /^2001:0?db8:/.test(bare);
  return reserved ? host : undefined;
}

function throughOutsideLink(path: string, paths: ReadonlyMap<string, PathKind>): boolean {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    if (paths.get(parts.slice(0, i).join('/')) === 'link-outside') return true;
  }
  return false;
}

/** Fields that cite evidence, by kind. */
const EVIDENCE_FIELDS: readonly { from: string; path: string }[] = [
  { from: '*', path: 'evidence[]' },
  { from: 'competence', path: 'holders[].evidence[]' },
];

/** The substance facts of a snapshot: its blank evidence files and its record files. */
export function substanceOf(snapshot: Pick<RepoSnapshot, 'blankFiles' | 'recordFiles'>): EvidenceSubstance {
  return { blank: snapshot.blankFiles ?? new Set(), records: new Set(snapshot.recordFiles.map((f) => f.path)) };
}

/** The files (inside the repository) that records cite as evidence. */
export function citedFiles(records: readonly { kind: string; data: unknown }[], paths: ReadonlyMap<string, PathKind>): string[] {
  const files = new Set<string>();
  for (const record of records) {
    for (const { value } of citedEvidence(record)) {
      const target = classifyEvidence(value, paths);
      if (target.type === 'file') files.add(target.path);
    }
  }
  return [...files].sort();
}

/** Every evidence reference a record cites, with its JSON pointer. */
export function citedEvidence(record: { kind: string; data: unknown }): { value: string; pointer: string }[] {
  const refs = EVIDENCE_FIELDS.filter((f) => f.from === '*' || f.from === record.kind).flatMap((f) => stringsAt(record.data, f.path));
  // A DPIA given as a path (rather than a document id) is evidence too.
  if (record.kind === 'assessment') refs.push(...stringsAt(record.data, 'dpia').filter((r) => r.value.includes('/')));
  return refs;
}

/**
 * Every cited evidence path exists inside the repository; URLs are https and are not fetched.
 * Evidence that is there but shows nothing (empty, the record's own file, a placeholder URL)
 * is a warning here, and does not count in `aims gap`.
 */
export const evidencePaths: Rule = ({ records, paths, substance }) => {
  const out: Diagnostic[] = [];
  let siblings: Map<string, string[]> | undefined;
  for (const record of records) {
    for (const { value, pointer } of citedEvidence(record)) {
      const target = classifyEvidence(value, paths, substance);
      if (target.type !== 'problem') continue;
      let message = target.message;
      if (target.rule === 'evidence/missing') {
        siblings ??= filesByFolder(paths);
        const folder = posix.dirname(posix.normalize(value));
        const guess = closest(posix.basename(value), siblings.get(folder) ?? []);
        if (guess) message += ` (did you mean \`${folder === '.' ? '' : folder + '/'}${guess}\`?)`;
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

function filesByFolder(paths: ReadonlyMap<string, PathKind>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [path, kind] of paths) {
    if (kind !== 'file') continue;
    const folder = posix.dirname(path);
    let list = map.get(folder);
    if (!list) map.set(folder, (list = []));
    list.push(posix.basename(path));
  }
  return map;
}
