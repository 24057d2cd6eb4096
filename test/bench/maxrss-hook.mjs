/**
 * Fallback peak-memory probe for machines without GNU time: run.mjs starts node commands as
 * `node --import test/bench/maxrss-hook.mjs …` with AIMS_BENCH_RSS_FILE set, and this hook
 * writes the process's own max RSS (KB) and user and system CPU seconds there on exit, in the
 * shape of `/usr/bin/time -f '%M %U %S'`.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.AIMS_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage(); // KB, µs, µs
    writeFileSync(file, `${maxRSS} ${userCPUTime / 1e6} ${systemCPUTime / 1e6}\n`);
  });
}
