import path from 'node:path';
import type { DiscoverFinding, DiscoverResult, DiscoverStatus } from '../../model/discover.js';

export const STATUS_LABELS: Record<DiscoverStatus, string> = {
  registered: 'registered',
  unlisted: 'unlisted component',
  unregistered: 'unregistered',
};

/** Worst first: what needs doing comes before what is in order. */
export const STATUS_ORDER: readonly DiscoverStatus[] = ['unregistered', 'unlisted', 'registered'];

export interface DiscoverCounts {
  total: number;
  registered: number;
  unlisted: number;
  unregistered: number;
}

export function countFindings(findings: readonly DiscoverFinding[]): DiscoverCounts {
  const counts = { total: findings.length, registered: 0, unlisted: 0, unregistered: 0 };
  for (const f of findings) counts[f.status]++;
  return counts;
}

/** The file as the user sees it: below the folder they named. */
export function shownFile(result: DiscoverResult, f: DiscoverFinding): string {
  const root = result.roots[f.root];
  return root && root.listing !== 'sbom' ? path.posix.join(root.display.split(path.sep).join('/'), f.file) : root ? root.display : f.file;
}

/** "OpenAI API (import openai)", the words every format uses for one finding. */
export function describe(result: DiscoverResult, f: DiscoverFinding): string {
  const s = result.signatures.get(f.signature);
  const how = f.indicator === 'model-file' ? `${f.match} file` : f.indicator === 'endpoint' ? `calls ${f.match}` : `${f.indicator} ${f.match}`;
  return `${s?.name ?? f.signature} (${how}${f.note ? `, ${f.note}` : ''})`;
}

/** A system record as a next step names it: `SYS-CHAT (aims/systems/chat.yaml:1)`. */
function systemAt(result: DiscoverResult, id: string): string {
  const at = result.systemFiles?.get(id);
  return at ? `${id} (${at})` : id;
}

/** What to do about a finding: the exact field of which record to fill, and with what. */
export function nextStep(result: DiscoverResult, f: DiscoverFinding): string {
  switch (f.status) {
    case 'registered':
      return `listed by ${f.systems.map((id) => systemAt(result, id)).join(', ')}`;
    case 'unlisted':
      return `add \`${f.signature}\` to \`components\` of ${f.systems.map((id) => systemAt(result, id)).join(' or ')}`;
    case 'unregistered': {
      const entry = result.roots[f.root]?.entry ?? '.';
      return `add \`${entry}\` to \`repositories\` of the system record this code belongs to, and \`${f.signature}\` to its \`components\` (aims discover --suggest prints a new record)`;
    }
  }
}

export function summaryLine(counts: DiscoverCounts, roots: number): string {
  return `${counts.total} AI use${counts.total === 1 ? '' : 's'} in ${roots} location${roots === 1 ? '' : 's'}: ${counts.unregistered} unregistered, ${counts.unlisted} unlisted component${counts.unlisted === 1 ? '' : 's'}, ${counts.registered} registered`;
}
