#!/usr/bin/env node
import { environmentReason } from './environment-error.js';
import { ExitCode } from './exit-code.js';
import { stopOnSignals } from './interrupt.js';
import { nodeIo } from './io.js';
import { main } from './main.js';

// SIGINT and SIGTERM: one line, exit 2 (interrupt.ts).
stopOnSignals((text) => void process.stderr.write(text));

// A closed output (`aims gap | head`, EPIPE) or a failing one (a full disk, /dev/full) is told
// in one line on stderr, exit 2: what was asked for was not all delivered.
// An object, not a let: the handlers change it while main() runs.
const output = { lost: false };
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (output.lost) return;
    output.lost = true;
    process.exitCode = ExitCode.failure;
    if (stream === process.stdout) {
      const what = error.code === 'EPIPE' ? 'the output was closed before aims finished' : `cannot write the output: ${environmentReason(error)}`;
      process.stderr.write(`aims: ${what}${error.code === 'EPIPE' ? ' (EPIPE)' : ''}\n`);
    }
  });
}

const code = await main(process.argv.slice(2), nodeIo());
if (!output.lost) process.exitCode = code;
