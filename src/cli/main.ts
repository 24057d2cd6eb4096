import { CommanderError } from 'commander';
import { packageVersion } from '../assets.js';
import { escapeControls } from '../model/escape.js';
import { InputError } from '../model/errors.js';
import { environmentMessage } from './environment-error.js';
import { ExitCode } from './exit-code.js';
import type { Io } from './io.js';
import { createProgram } from './program.js';

const ISSUES_URL = 'https://github.com/aims-as-code/aims/issues';

/** argv → exit code. Never calls process.exit; maps every outcome to 0, 1 or 2 in one place. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  const debug = argv.includes('--debug');
  try {
    const program = createProgram(io, packageVersion(), (c) => (code = c));
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.failure;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version "exit" with 0; everything else commander rejects is a usage error.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.failure;
    }
    if (error instanceof InputError) {
      io.stderr(`aims: ${escapeControls(error.message)}\n${error.hint ? `hint: ${escapeControls(error.hint)}\n` : ''}`);
      return ExitCode.failure;
    }
    const environment = environmentMessage(error);
    if (environment !== undefined) {
      io.stderr(`aims: ${escapeControls(environment)}\n`);
      if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
      return ExitCode.failure;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`aims: internal error (a bug in aims): ${escapeControls(message)}; please report it at ${ISSUES_URL}${debug ? '' : ' (--debug shows the details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return ExitCode.failure;
  }
}
