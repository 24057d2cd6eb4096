import { type GapOutput, gapOutput, type GapReport, gapJson, gapMarkdown, gapText } from '../../api/analyse.js';
import { InputError } from '../../model/errors.js';
import { plural } from '../../model/plural.js';
import { atCommitNote } from '../at-commit.js';
import type { GapFormat } from '../choices.js';
import { ExitCode } from '../exit-code.js';
import { withCache } from '../cache-options.js';
import { findRoot } from '../find-root.js';
import { type Io, useColor } from '../io.js';

type GapView = Parameters<typeof gapText>[1];

/** Each --format and its renderer; typed so that every choice in choices.ts has one. */
const RENDERERS: Record<GapFormat, (gaps: GapReport['gaps'], view: GapView) => string> = {
  text: gapText,
  json: (gaps) => gapJson(gaps),
  markdown: gapMarkdown,
};

export interface GapOptions {
  /** One of GAP_FORMATS (commander checks the choice). */
  format: GapFormat;
  asOf?: string;
  ref?: string;
  failUnder?: string;
  failOnBlockers?: boolean;
  verbose?: boolean;
  color?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

/**
 * Exit 1 when the records have validation errors, when readiness is under --fail-under, or
 * (with --fail-on-blockers) when a certification prerequisite is not met; each reason on stderr.
 */
export async function gapCommand(root: string | undefined, options: GapOptions, io: Io): Promise<ExitCode> {
  const failUnder = parseFailUnder(options.failUnder);
  const rootDir = findRoot(io.cwd, root);
  const color = useColor(io, options.color);
  // With --cache, the last run's output may be printed again: every option that changes it is part of its key.
  const { cache: _cache, cacheLocation: _cacheLocation, ...printed } = options;
  const { output, cacheWarning } = await gapOutput(
    rootDir,
    {
      today: io.now().toISOString().slice(0, 10),
      ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
      ...(options.ref !== undefined ? { ref: options.ref } : {}),
      ...withCache(options, io, rootDir),
    },
    { options: { ...printed, color }, render: (report) => render(report, options, color, failUnder) },
  );
  if (cacheWarning !== undefined) io.stderr(`aims: warning: ${cacheWarning}\n`);
  io.stderr(output.before);
  io.stdout(output.stdout);
  io.stderr(output.after);
  return output.code as ExitCode;
}

/** What the command prints for a report, and its exit code. */
function render(report: GapReport, options: GapOptions, color: boolean, failUnder: number | undefined): GapOutput {
  const { check, gaps } = report;
  const before = atCommitNote(report);
  // Nothing to judge: a readiness figure would be a number about nothing.
  const none = check.diagnostics.find((d) => d.rule === 'records/none');
  if (none && check.records.length === 0) {
    return { before: `${before}aims: ${none.message} (records/none)\n`, stdout: '', after: '', code: ExitCode.problems };
  }
  const view = {
    catalogue: check.catalogue,
    color,
    verbose: options.verbose === true,
    ...(check.config.organisation ? { organisation: check.config.organisation } : {}),
  };
  const stdout = RENDERERS[options.format](gaps, view);
  const reasons: string[] = [];
  if (gaps.validation.errors > 0) reasons.push(`the records have ${plural(gaps.validation.errors, 'validation error')}: run \`aims validate\``);
  if (failUnder !== undefined && gaps.readiness.score < failUnder) reasons.push(`readiness ${gaps.readiness.score} is below --fail-under ${failUnder}`);
  if (options.failOnBlockers === true && gaps.blockers.length > 0) reasons.push(`${plural(gaps.blockers.length, 'certification blocker')} (--fail-on-blockers)`);
  return { before, stdout, after: reasons.map((reason) => `aims: ${reason}\n`).join(''), code: reasons.length > 0 ? ExitCode.problems : ExitCode.ok };
}

function parseFailUnder(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n > 100) throw new InputError(`--fail-under takes a number from 0 to 100, not "${value}"`);
  return n;
}
