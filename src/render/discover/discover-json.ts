import type { DiscoverResult } from '../../model/discover.js';
import { countFindings, shownFile } from './discover-view.js';

/** A stable contract for scripts that collect results across many repositories. */
export function discoverJson(result: DiscoverResult): string {
  return (
    JSON.stringify(
      {
        version: 1,
        roots: result.roots.map((r) => ({ path: r.display, listing: r.listing, remotes: r.remotes, filesRead: r.filesRead, skipped: r.skipped })),
        findings: result.findings.map((f) => {
          const s = result.signatures.get(f.signature);
          return {
            root: result.roots[f.root]?.display,
            file: shownFile(result, f),
            line: f.line,
            status: f.status,
            signature: f.signature,
            name: s?.name,
            provider: s?.provider,
            category: f.category,
            hosted: s?.hosted ?? false,
            indicator: f.indicator,
            match: f.match,
            ...(f.note ? { note: f.note } : {}),
            systems: f.systems,
          };
        }),
        summary: countFindings(result.findings),
      },
      null,
      2,
    ) + '\n'
  );
}
