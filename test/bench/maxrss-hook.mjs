/**
 * Fallback peak-memory probe for machines without GNU time: run.mjs starts node commands as
 * `node --import test/bench/maxrss-hook.mjs …` with AIMS_BENCH_RSS_FILE set, and this hook
 * writes the process's own max RSS (KB) and user and system CPU seconds there on exit, in the
 * shape of `/usr/bin/time -f '%M %U %S'`.
 *
 * On Linux the peak is VmHWM from /proc/self/status: getrusage's maxRSS carries over the
 * high-water mark of the process that forked this one (a test runner of 200 MB makes every
 * child look 200 MB), while VmHWM starts afresh at exec.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.AIMS_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage(); // KB, µs, µs
    writeFileSync(file, `${ownPeak() ?? maxRSS} ${userCPUTime / 1e6} ${systemCPUTime / 1e6}\n`);
  });
}

/** VmHWM in KB, or undefined where /proc is not there. */
function ownPeak() {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb);
  } catch {
    return undefined;
  }
}
