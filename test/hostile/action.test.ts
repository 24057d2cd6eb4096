/**
 * The GitHub Action's validate step, run as the runner would run it (bash, RUNNER_TEMP), on a
 * repository whose record values and file names try to issue workflow commands. The runner
 * obeys a line starting with `::` unless commands are stopped; so every such line the step
 * prints outside a stop-commands block must be one of aims's own annotations.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo.js';
import { BIN, PROJECT_ROOT } from '../helpers/run.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

interface Step {
  name: string;
  run?: string;
}

function validateScript(): string {
  const action = parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } };
  const step = action.runs.steps.find((s) => s.name === 'aims validate');
  if (!step?.run) throw new Error('no validate step in action.yml');
  return step.run;
}

/** The lines the runner would obey: outside ::stop-commands::TOKEN … ::TOKEN::. */
function obeyed(log: string): string[] {
  const out: string[] = [];
  let stopToken: string | undefined;
  for (const line of log.split('\n')) {
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopToken = stop[1];
    else if (line.startsWith('::')) out.push(line);
  }
  return out;
}

describe('the GitHub Action on a hostile repository', () => {
  it('issues no workflow command from record text or file names, and writes nothing into the repository', () => {
    const { dir, cleanup } = tempDir('aims-action-');
    cleanups.push(cleanup);
    const repo = path.join(dir, 'repo');
    const runnerTemp = path.join(dir, 'runner-temp');
    const bin = path.join(dir, 'bin');
    for (const d of [path.join(repo, 'aims'), runnerTemp, bin]) mkdirSync(d, { recursive: true });
    writeFileSync(path.join(bin, 'aims'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(path.join(bin, 'aims'), 0o755);
    const attack = '\\n::add-mask::secret\\n::error file=x::forged\\r\\n\\u001b]0;title\\u0007';
    writeFileSync(path.join(repo, 'aims/system.yaml'), `kind: system\nid: SYS-1\ntitle: "T${attack}"\ndescription: d\nlifecycle: "live${attack}"\n`);
    writeFileSync(path.join(repo, 'aims', 'x\n::warning::from-a-name.yaml'), 'kind: role\nid: R-1\ntitle: T\nresponsibilities: []\n');
    const before = execFileSync('ls', ['-laR', repo], { encoding: 'utf8' });

    const result = spawnSync('bash', ['-e', '-c', validateScript()], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, RUNNER_TEMP: runnerTemp, SARIF: 'true', MAX_WARNINGS: '', NO_COLOR: '1' },
    });
    const log = result.stdout + result.stderr;
    expect(result.status, log).toBe(1);
    const commands = obeyed(log);
    expect(commands.length, log).toBeGreaterThan(0);
    for (const line of commands) expect(line, log).toMatch(/^::(error|warning) file=aims\/[^,]*,line=\d+,col=\d+,title=[a-z-]+\/[a-z-]+::/);
    expect(log).not.toMatch(/^::add-mask::/m);
    expect(log).not.toContain('\u001b');
    expect(readFileSync(path.join(runnerTemp, 'aims-validate.txt'), 'utf8')).toContain('lifecycle');
    expect(readFileSync(path.join(runnerTemp, 'aims.sarif'), 'utf8')).toContain('"version"');
    expect(execFileSync('ls', ['-laR', repo], { encoding: 'utf8' })).toBe(before);
  });
});

function gapStep(): Step & { if?: string } {
  const action = parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as { runs: { steps: (Step & { if?: string })[] } };
  const step = action.runs.steps.find((s) => s.name === 'aims gap');
  if (!step?.run) throw new Error('no gap step in action.yml');
  return step;
}

describe('the GitHub Action gap gate', () => {
  /** The gap step run as the runner would, on a copy of examples/acme (readiness 83, two blockers, as of 2026-11-26). */
  function runGap(env: { FAIL_UNDER: string; FAIL_ON_BLOCKERS: string }): { code: number | null; summary: string; output: string; log: string } {
    const { dir, cleanup } = tempDir('aims-action-gap-');
    cleanups.push(cleanup);
    const repo = path.join(dir, 'repo');
    const runnerTemp = path.join(dir, 'runner-temp');
    const bin = path.join(dir, 'bin');
    cpSync(path.join(PROJECT_ROOT, 'examples', 'acme'), repo, { recursive: true });
    for (const d of [runnerTemp, bin]) mkdirSync(d, { recursive: true });
    writeFileSync(path.join(bin, 'aims'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(path.join(bin, 'aims'), 0o755);
    const summary = path.join(dir, 'summary.md');
    const output = path.join(dir, 'output.txt');
    writeFileSync(summary, '');
    writeFileSync(output, '');
    const result = spawnSync('bash', ['-e', '-c', gapStep().run ?? ''], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, ...env, PATH: `${bin}:${process.env['PATH'] ?? ''}`, RUNNER_TEMP: runnerTemp, AS_OF: '2026-11-26', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, NO_COLOR: '1' },
    });
    return { code: result.status, summary: readFileSync(summary, 'utf8'), output: readFileSync(output, 'utf8'), log: result.stdout + result.stderr };
  }

  it('has a fail-on-blockers input, off by default, that also switches the gap step on', () => {
    const action = parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
    expect(action.inputs['fail-on-blockers']?.default).toBe('false');
    expect(gapStep().if).toMatch(/inputs\.fail-on-blockers == 'true'/);
    expect(gapStep().if).toMatch(/inputs\.fail-under != ''/);
  });

  it('fail-on-blockers: true fails on open blockers, with the report in the summary and the readiness as output', () => {
    const run = runGap({ FAIL_UNDER: '', FAIL_ON_BLOCKERS: 'true' });
    expect(run.code, run.log).toBe(1);
    expect(run.log).toMatch(/blocker/);
    expect(run.summary).toMatch(/Readiness/);
    expect(run.output).toMatch(/^readiness=83$/m);
  });

  it('without fail-on-blockers, fail-under keeps its meaning: 83 passes 70', () => {
    const run = runGap({ FAIL_UNDER: '70', FAIL_ON_BLOCKERS: 'false' });
    expect(run.code, run.log).toBe(0);
    expect(run.output).toMatch(/^readiness=83$/m);
  });
});
