#!/usr/bin/env node
import { nodeIo } from './io.js';
import { main } from './main.js';

// `aims gap | head` closes the pipe early: that is the reader's choice, not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await main(process.argv.slice(2), nodeIo());
