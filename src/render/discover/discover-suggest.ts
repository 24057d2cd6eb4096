import path from 'node:path';
import type { DiscoverResult } from '../../model/discover.js';

/** YAML text for a scalar: JSON strings are valid YAML and need no library to write. */
const q = (s: string): string => JSON.stringify(s);

/**
 * `--suggest`: a ready `system` record for each location no system claims, and the
 * `components` lines each claiming system is missing. Text to paste; nothing is written.
 */
export function discoverSuggest(result: DiscoverResult): string {
  const out: string[] = [];
  result.roots.forEach((root, i) => {
    const unregistered = result.findings.filter((f) => f.root === i && f.status === 'unregistered');
    if (unregistered.length === 0) return;
    const components = [...new Set(unregistered.map((f) => f.signature))].sort();
    const suppliers = [...new Set(unregistered.map((f) => result.signatures.get(f.signature)).filter((s) => s?.hosted && s.provider).map((s) => s?.provider as string))].sort();
    const base = path.posix.basename(root.listing === 'sbom' ? root.display.replace(/\.json$/i, '') : root.absolute) || 'system';
    const id = trimDashes(base.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')) || 'system';
    out.push(
      `# ${root.display}: AI use that no system record claims. Save as aims/systems/${id}.yaml and complete it.`,
      '---',
      'kind: system',
      `id: ${q(id)}`,
      `title: ${q(base)}`,
      'description: "Replace with what this system does and for whom."',
      'lifecycle: development',
      `repositories: [${q(root.entry)}]`,
      `components: [${components.map(q).join(', ')}]`,
      ...(suppliers.length > 0 ? [`suppliers: [${suppliers.map(q).join(', ')}]`] : []),
      '',
    );
  });
  const missing = new Map<string, Set<string>>();
  for (const f of result.findings) {
    if (f.status !== 'unlisted') continue;
    for (const system of f.systems) {
      const set = missing.get(system) ?? new Set<string>();
      set.add(f.signature);
      missing.set(system, set);
    }
  }
  for (const [system, set] of [...missing].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(`# system ${system}: add to its components:`, 'components:', ...[...set].sort().map((c) => `  - ${c}`), '');
  }
  if (out.length === 0) out.push('# Every AI use found is registered: nothing to suggest.', '');
  return out.join('\n');
}

function trimDashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '-') start++;
  while (end > start && text[end - 1] === '-') end--;
  return text.slice(start, end);
}
