import { posix } from 'node:path';
import type { RuleId } from './codes.js';
import { shortValue } from './escape.js';
import type { PathKind } from './snapshot.js';

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
 * What an evidence reference names before anything is looked up: an https URL, a problem, or
 * a path inside the repository (normalised: forward slashes, no `.`/`..`, no trailing slash).
 */
type Parsed = Exclude<EvidenceTarget, { type: 'file' }> | { type: 'path'; path: string };

function parseReference(reference: string): Parsed {
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
  return { type: 'path', path: normal };
}

/** The repository path an evidence reference cites (normalised), or undefined for a URL or a path that leaves the repository. */
export function evidencePath(reference: string): string | undefined {
  const parsed = parseReference(reference);
  return parsed.type === 'path' ? parsed.path : undefined;
}

/**
 * What an evidence reference is: an https URL, a file inside the repository, or a problem.
 * Pure: answered from the path index, which never follows links out of the root. With
 * `substance`, a file that shows nothing (blank, or a record file) is a problem too.
 */
export function classifyEvidence(reference: string, paths: ReadonlyMap<string, PathKind>, substance?: EvidenceSubstance): EvidenceTarget {
  const parsed = parseReference(reference);
  if (parsed.type !== 'path') return parsed;
  const normal = parsed.path;
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
