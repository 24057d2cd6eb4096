#!/usr/bin/env node
/**
 * How many record files of a repository took each parse path (`node test/bench/parse-paths.mjs <root>`):
 * fast (js-yaml, clean), reference (`yaml`: routed there by the scan, or parsed again for a
 * diagnostic). Prints JSON; run by the benchmark after the timed runs, untimed.
 */
import { checkRepository } from '../../dist/check-repository.js';

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: node test/bench/parse-paths.mjs <root>\n');
  process.exit(2);
}
const check = await checkRepository(root, { threads: 1 });
const counts = { fast: 0, reference: 0 };
for (const c of check.fileChecks.values()) counts[c.parser]++;
// Files without a git blob id (outside git) are not in fileChecks: count from the records' files instead.
if (counts.fast + counts.reference === 0) counts.unknown = check.snapshot.recordFiles.length;
process.stdout.write(`${JSON.stringify(counts)}\n`);
