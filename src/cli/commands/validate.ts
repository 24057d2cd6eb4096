import path from 'node:path';
import { checkRepository, loadEngine } from '../../check-repository.js';
import { InputError } from '../../model/errors.js';
import { formatters, isFormatName } from '../../render/formatters/index.js';
import { ExitCode } from '../exit-code.js';
import { type Io, useColor } from '../io.js';

export interface ValidateOptions {
  format: string;
  maxWarnings?: string;
  ref?: string;
  color?: boolean;
}

export async function validateCommand(root: string | undefined, options: ValidateOptions, io: Io): Promise<ExitCode> {
  if (!isFormatName(options.format)) {
    throw new InputError(`unknown format "${options.format}"`, `use one of: ${Object.keys(formatters).join(', ')}`);
  }
  const maxWarnings = parseMaxWarnings(options.maxWarnings);
  const result = await checkRepository(path.resolve(io.cwd, root ?? '.'), options.ref !== undefined ? { ref: options.ref } : {});
  const text = formatters[options.format](result, { color: useColor(io, options.color), toolVersion: loadEngine().version });
  io.stdout(text);
  if (result.summary.errors > 0) return ExitCode.problems;
  if (maxWarnings !== undefined && result.summary.warnings > maxWarnings) {
    io.stderr(`aims: ${result.summary.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return ExitCode.problems;
  }
  return ExitCode.ok;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new InputError(`--max-warnings takes a whole number, not "${value}"`);
  return Number(value);
}
