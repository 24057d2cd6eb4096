import path from 'node:path';
import { packageHomepage } from '../../assets.js';
import { applyBaseline, checkRepository, createBaseline, formatters, isFormatName, loadEngine, parseBaseline, readUserFile } from '../../api/check.js';
import { countDiagnostics } from '../../model/diagnostic.js';
import { InputError } from '../../model/errors.js';
import { ExitCode } from '../exit-code.js';
import { displayPath } from '../display-path.js';
import { withCache } from '../cache-options.js';
import { findRoot } from '../find-root.js';
import { type Io, useColor } from '../io.js';
import { checkFileOutput, writeFileOutput } from '../write-output.js';

/** One requested report: a format, and where it goes (standard output when no file is named). */
export interface OutputRequest {
  format: string;
  output?: string;
}

export interface ValidateOptions {
  /** In command-line order: each --output belongs to the --format before it. */
  outputs: OutputRequest[];
  maxWarnings?: string;
  ref?: string;
  color?: boolean;
  baseline?: string;
  writeBaseline?: string;
  force?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

export async function validateCommand(root: string | undefined, options: ValidateOptions, io: Io): Promise<ExitCode> {
  const outputs = options.outputs.length > 0 ? options.outputs : [{ format: 'stylish' }];
  for (const o of outputs) {
    if (!isFormatName(o.format)) throw new InputError(`unknown format "${o.format}"`, `use one of: ${Object.keys(formatters).join(', ')}`);
  }
  if (outputs.filter((o) => o.output === undefined).length > 1) {
    throw new InputError('only one format can go to standard output', 'give the others --output FILE');
  }
  const maxWarnings = parseMaxWarnings(options.maxWarnings);
  let baseline = options.baseline ? parseBaseline(readText(path.resolve(io.cwd, options.baseline), options.baseline), options.baseline) : undefined;

  const threads = io.env['AIMS_THREADS'] !== undefined ? Number(io.env['AIMS_THREADS']) : undefined;
  const today = io.now().toISOString().slice(0, 10);
  const rootDir = findRoot(io.cwd, root);
  const result = await checkRepository(rootDir, {
    today,
    futureAfter: today,
    ...(threads !== undefined && Number.isInteger(threads) && threads > 0 ? { threads } : {}),
    ...(options.ref !== undefined ? { ref: options.ref } : {}),
    ...withCache(options, io, rootDir),
  });
  if (result.cacheWarning !== undefined) io.stderr(`aims: warning: ${result.cacheWarning}\n`);
  // Every target is checked before anything is written: never over a record, never over a file without --force.
  const protect = { root: result.root, records: result.config.records };
  for (const o of outputs) if (o.output) await checkFileOutput(path.resolve(io.cwd, o.output), { force: options.force === true, protect, name: o.output });
  let refused = false;
  if (options.writeBaseline) {
    // A file that is not valid YAML hides every problem in it: accepting it would silence what was never checked.
    const unreadable = result.diagnostics.filter((d) => d.severity === 'error' && (d.rule.startsWith('yaml/') || d.rule.startsWith('file/')));
    if (unreadable.length > 0) {
      refused = true;
      const files = [...new Set(unreadable.map((d) => d.location.file))];
      io.stderr(`aims: refusing to write the baseline: ${files.length === 1 ? 'a file' : `${files.length} files`} could not be read as records (${files.join(', ')}), so nothing in ${files.length === 1 ? 'it' : 'them'} was checked\nhint: fix the YAML errors shown, then run --write-baseline again\n`);
    } else {
      // A baseline is meant to be rewritten; it still never lands on a record.
      const text = createBaseline(result.diagnostics);
      await writeFileOutput(path.resolve(io.cwd, options.writeBaseline), text, { force: true, protect, name: options.writeBaseline });
      io.stderr(`aims: wrote ${result.diagnostics.length} finding(s) to the baseline ${options.writeBaseline}; later runs with --baseline ${options.writeBaseline} report only new ones\n`);
      // Today's findings are accepted: this run reports as a run with the new baseline would.
      baseline = parseBaseline(text, options.writeBaseline);
    }
  }
  let diagnostics = result.diagnostics;
  if (baseline) {
    const applied = applyBaseline(diagnostics, baseline);
    diagnostics = applied.kept;
    if (applied.known > 0) io.stderr(`aims: ${applied.known} finding(s) already in the baseline ${options.baseline ?? options.writeBaseline ?? ""} are not shown\n`);
  }
  if (result.suppressed.length > 0) {
    io.stderr(`aims: ${result.suppressed.length} finding(s) suppressed by x-aims-ignore (listed by aims gap and in the evidence pack)\n`);
  }
  const summary = { ...result.summary, ...countDiagnostics(diagnostics) };
  const input = { diagnostics, summary, files: result.snapshot.recordFiles.map((f) => f.path) };
  const context = {
    color: useColor(io, options.color),
    toolVersion: loadEngine().version,
    rulesUrl: `${packageHomepage()}#rule-reference`,
    // Paths as the terminal can open them from here, as ESLint and tsc print them.
    displayPath: (file: string) => displayPath(io.cwd, path.join(rootDir, file)),
  };
  for (const o of outputs) {
    const text = formatters[o.format as keyof typeof formatters](input, o.output ? { ...context, color: false } : context);
    if (o.output) await writeFileOutput(path.resolve(io.cwd, o.output), text, { force: options.force === true, protect, name: o.output });
    else io.stdout(text);
  }
  if (summary.errors > 0 || refused) return ExitCode.problems;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) {
    io.stderr(`aims: ${summary.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return ExitCode.problems;
  }
  return ExitCode.ok;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new InputError(`--max-warnings takes a whole number, not "${value}"`);
  return Number(value);
}

/** A baseline is at most this large: a hundred thousand findings take a few megabytes. */
const MAX_BASELINE_SIZE = 50 * 1024 * 1024;

function readText(file: string, name: string): string {
  const read = readUserFile(file, MAX_BASELINE_SIZE);
  if ('problem' in read) throw new InputError(`cannot read the baseline ${name}: ${read.problem.message}`);
  return read.bytes.toString('utf8');
}
