import path from 'node:path';
import type { Detection, DiscoverFinding, ScannedRoot, Signature } from '../../model/discover.js';
import { isInside } from '../../model/inside.js';
import type { RecordOfKind } from '../../model/record.js';

export interface InventoryInput {
  /** Absolute path of the AIMS repository: relative `repositories` entries start there. */
  aimsRoot: string;
  roots: readonly ScannedRoot[];
  /** Detections of each root, in the same order. */
  detections: readonly (readonly Detection[])[];
  systems: readonly RecordOfKind<'system'>[];
  signatures: ReadonlyMap<string, Signature>;
}

/** Clone URLs compared by host and path: https, ssh and scp forms of one repository are equal. */
export function normaliseRepositoryUrl(url: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)(.+)$/.exec(url);
  const full = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+)$/i.exec(url);
  const m = scp ?? full;
  if (!m?.[1] || !m[2]) return undefined;
  let repo = m[2];
  while (repo.endsWith('/')) repo = repo.slice(0, -1);
  return `${m[1].toLowerCase()}/${repo.replace(/\.git$/, '').toLowerCase()}`;
}

/**
 * How a system record names a scanned folder: its path from the AIMS root when inside it, else
 * its clone URL (which holds wherever the code is checked out), else its path from the AIMS root.
 */
export function repositoryEntry(absolute: string, remotes: readonly string[], aimsRoot: string): string {
  const rel = path.posix.relative(aimsRoot, absolute) || '.';
  return isInside(aimsRoot, absolute, path.posix) ? rel : (remotes[0] ?? rel);
}

/** Whether a system's `components` names what was found: by signature id, name, provider or the package itself. */
export function listsComponent(system: RecordOfKind<'system'>, d: Detection, s: Signature | undefined): boolean {
  const names = new Set([d.signature, d.match, s?.name, s?.provider].filter((n): n is string => n !== undefined).map((n) => n.toLowerCase()));
  return (system.components ?? []).some((c) => names.has(c.trim().toLowerCase()));
}

/**
 * Each detection against the inventory: registered (a system claims the repository and lists
 * the component), unlisted (claimed, not listed) or unregistered (no system claims it). Pure.
 */
export function matchInventory(input: InventoryInput): DiscoverFinding[] {
  const claims = input.systems.map((system) => {
    const urls = new Set<string>();
    const paths: string[] = [];
    for (const entry of system.repositories ?? []) {
      const url = normaliseRepositoryUrl(entry);
      if (url) urls.add(url);
      else paths.push(path.posix.resolve(input.aimsRoot, entry));
    }
    return { system, urls, paths };
  });
  const findings: DiscoverFinding[] = [];
  input.roots.forEach((root, i) => {
    const remotes = new Set(root.remotes.map(normaliseRepositoryUrl).filter((u): u is string => u !== undefined));
    for (const d of input.detections[i] ?? []) {
      const file = path.posix.join(root.absolute, d.file);
      const claiming = claims.filter((c) => [...c.urls].some((u) => remotes.has(u)) || c.paths.some((p) => isInside(p, file, path.posix))).map((c) => c.system);
      const s = input.signatures.get(d.signature);
      const status = claiming.length === 0 ? 'unregistered' : claiming.some((sys) => listsComponent(sys, d, s)) ? 'registered' : 'unlisted';
      findings.push({ ...d, root: i, status, systems: claiming.map((sys) => sys.id).filter((id): id is string => id !== undefined) });
    }
  });
  return findings;
}
