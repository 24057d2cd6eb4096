import { Command, Option } from 'commander';
import { formatters } from '../render/formatters/index.js';
import { validateCommand } from './commands/validate.js';
import type { ExitCode } from './exit-code.js';
import type { Io } from './io.js';

/** Commander wiring only: each action hands its options to a command function and keeps its exit code. */
export function createProgram(io: Io, version: string, setExit: (code: ExitCode) => void): Command {
  const program = new Command('aims')
    .description('Run an ISO/IEC 42001 AI Management System as code: validate records, analyse gaps, report.')
    .version(version, '-V, --version', 'print the aims version')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('validate')
    .description('check every AIMS record against its schema, references, evidence and the catalogue')
    .argument('[root]', 'repository root (default: the current directory)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(formatters)).default('stylish'))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('--color', 'force colour output')
    .option('--no-color', 'disable colour output')
    .addHelpText(
      'after',
      `
Examples:
  $ aims validate                      check the repository in the current directory
  $ aims validate examples/acme        check another folder
  $ aims validate --format json        machine-readable output for CI

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage or internal failure.`,
    )
    .action(async (root: string | undefined, options: { format: string; maxWarnings?: string; color?: boolean }) => {
      setExit(await validateCommand(root, options, io));
    });

  return program;
}
