#!/usr/bin/env node
import { environmentReason } from './environment-error.js';
import { ExitCode } from './exit-code.js';
import { nodeIo } from './io.js';
import { main } from './main.js';

// `aims gap | head` closes the pipe early: that is the reader's choice, not an error of ours.
// Any other failure of the output (a full disk, /dev/full) is told in one line, exit 2.
let outputFailed = false;
let outputLost = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (outputFailed) return;
    outputFailed = true;
    if (error.code !== 'EPIPE') {
      outputLost = true;
      process.exitCode = ExitCode.failure;
      if (stream === process.stdout) process.stderr.write(`aims: cannot write the output: ${environmentReason(error)}\n`);
    }
  });
}

const code = await main(process.argv.slice(2), nodeIo());
if (!outputLost) process.exitCode = code;
