import { posix } from 'node:path';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { RuleId } from '../../model/codes.js';
import type { PathKind } from '../../model/snapshot.js';
import { closest } from '../../model/suggest.js';
import { type Rule, stringsAt } from '../raw-record.js';

export type EvidenceTarget =
  | { type: 'url'; url: string }
  | { type: 'file'; path: string }
  | { type: 'problem'; rule: RuleId; message: string };

/**
 * What an evidence reference is: an https URL, a file inside the repository, or a problem.
 * Pure: answered from the path index, which never follows links out of the root.
 */
export function classifyEvidence(reference: string, paths: ReadonlyMap<string, PathKind>): EvidenceTarget {
  if (/^https:\/\/[^\s/]+/i.test(reference)) return { type: 'url', url: reference };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(reference) || /^(mailto|file|data|javascript):/i.test(reference)) {
    return { type: 'problem', rule: 'evidence/bad-url', message: `\`${reference}\` is not an https:// URL` };
  }
  if (reference.startsWith('/') || reference.startsWith('\\') || /^[a-z]:[\\/]/i.test(reference)) {
    return { type: 'problem', rule: 'evidence/outside', message: `\`${reference}\` is an absolute path: evidence must be cited relative to the repository root` };
  }
  const normal = posix.normalize(reference.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (normal === '..' || normal.startsWith('../')) {
    return { type: 'problem', rule: 'evidence/outside', message: `\`${reference}\` leaves the repository` };
  }
  const kind = paths.get(normal);
  if (kind === 'file') return { type: 'file', path: normal };
  if (kind === 'dir') return { type: 'problem', rule: 'evidence/not-a-file', message: `\`${reference}\` is a directory; cite the files in it` };
  if (kind === 'link-outside' || throughOutsideLink(normal, paths)) {
    return { type: 'problem', rule: 'evidence/outside', message: `\`${reference}\` is a link that points outside the repository` };
  }
  return { type: 'problem', rule: 'evidence/missing', message: `\`${reference}\` does not exist` };
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

/** Every cited evidence path exists inside the repository; URLs are https and are not fetched. */
export const evidencePaths: Rule = ({ records, paths }) => {
  const out: Diagnostic[] = [];
  let siblings: Map<string, string[]> | undefined;
  for (const record of records) {
    const refs = EVIDENCE_FIELDS.filter((f) => f.from === '*' || f.from === record.kind).flatMap((f) => stringsAt(record.data, f.path));
    // A DPIA given as a path (rather than a document id) is evidence too.
    if (record.kind === 'assessment') refs.push(...stringsAt(record.data, 'dpia').filter((r) => r.value.includes('/')));
    for (const { value, pointer } of refs) {
      const target = classifyEvidence(value, paths);
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
        severity: 'error',
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
