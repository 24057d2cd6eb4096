import { analyseRepository } from '../../check-repository.js';
import { InputError } from '../../model/errors.js';
import { gapJson } from '../../render/gap/gap-json.js';
import { gapMarkdown } from '../../render/gap/gap-markdown.js';
import { gapText } from '../../render/gap/gap-text.js';
import { noteAtCommit } from '../at-commit.js';
import { ExitCode } from '../exit-code.js';
import { findRoot } from '../find-root.js';
import { type Io, useColor } from '../io.js';

export interface GapOptions {
  format: string;
  asOf?: string;
  ref?: string;
  failUnder?: string;
  verbose?: boolean;
  color?: boolean;
}

export async function gapCommand(root: string | undefined, options: GapOptions, io: Io): Promise<ExitCode> {
  const failUnder = parseFailUnder(options.failUnder);
  const report = await analyseRepository(findRoot(io.cwd, root), {
    today: io.now().toISOString().slice(0, 10),
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.ref !== undefined ? { ref: options.ref } : {}),
  });
  const { check, gaps } = report;
  noteAtCommit(io, report);
  const view = { catalogue: check.catalogue, color: useColor(io, options.color), verbose: options.verbose === true, ...(check.config.organisation ? { organisation: check.config.organisation } : {}) };
  const text = options.format === 'json' ? gapJson(gaps) : options.format === 'markdown' ? gapMarkdown(gaps, view) : gapText(gaps, view);
  io.stdout(text);
  if (failUnder !== undefined && gaps.readiness.score < failUnder) {
    io.stderr(`aims: readiness ${gaps.readiness.score} is below --fail-under ${failUnder}\n`);
    return ExitCode.problems;
  }
  return ExitCode.ok;
}

function parseFailUnder(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n > 100) throw new InputError(`--fail-under takes a number from 0 to 100, not "${value}"`);
  return n;
}
