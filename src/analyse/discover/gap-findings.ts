import path from 'node:path';
import type { DiscoverResult } from '../../model/discover.js';
import type { Finding } from '../../model/gap.js';

export interface DiscoverGapFindings {
  /** 4.3: AI in use outside the inventory makes the scope incomplete. */
  scope: Finding[];
  /** A.4.2: the resources of AI systems are not documented. */
  resources: Finding[];
  /** A.10.3: a hosted provider is a supplier nobody assessed. */
  suppliers: Finding[];
}

/** Unregistered AI use as gap findings: one per scanned location and signature, at its first place. Pure. */
export function discoverGapFindings(result: DiscoverResult, aimsRoot: string): DiscoverGapFindings {
  const out: DiscoverGapFindings = { scope: [], resources: [], suppliers: [] };
  const seen = new Set<string>();
  for (const f of result.findings) {
    if (f.status !== 'unregistered' || seen.has(`${f.root}\0${f.signature}`)) continue;
    seen.add(`${f.root}\0${f.signature}`);
    const root = result.roots[f.root];
    if (!root) continue;
    const s = result.signatures.get(f.signature);
    const rel = path.posix.relative(aimsRoot, root.absolute) || '.';
    const where = root.listing === 'sbom' ? root.display : rel;
    const file = root.listing === 'sbom' ? root.display : path.posix.join(rel, f.file);
    const base = { file, line: f.line };
    const name = s?.name ?? f.signature;
    out.scope.push({
      ...base,
      message: `${where} uses ${name} (${f.category}) but no system record claims that code: the AI system inventory is incomplete`,
      next: `add \`${root.entry}\` to \`repositories\` of the system record this code belongs to, and \`${f.signature}\` to its \`components\` (aims discover ${where} --suggest prints a new record)`,
    });
    out.resources.push({ ...base, message: `${name} is used in ${where} without a system record documenting it as a resource`, next: `list \`${f.signature}\` in \`components\` of the system record whose \`repositories\` names \`${root.entry}\`` });
    if (s?.hosted) {
      out.suppliers.push({
        ...base,
        message: `${where} sends data to ${s.provider ?? name}'s hosted service, a supplier no system record names`,
        next: `register the system with \`suppliers\` naming ${s.provider ?? name}, and assess the supplier`,
      });
    }
  }
  return out;
}
