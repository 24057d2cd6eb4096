/**
 * The GitHub Action's validate step, run as the runner would run it (bash, RUNNER_TEMP), on a
 * repository whose record values and file names try to issue workflow commands. The runner
 * obeys a line starting with `::` unless commands are stopped; so every such line the step
 * prints outside a stop-commands block must be one of aims's own annotations.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
