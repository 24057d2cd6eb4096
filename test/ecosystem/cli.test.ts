import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { createProgram } from '../../src/cli/program.js';
import { tempDir } from '../helpers/git-repo.js';
import { PROJECT_ROOT, runBin, runMain } from '../helpers/run.js';
import { RECORD_KINDS } from '../../src/model/record.js';

/**
 * The command line as a user meets it: completion scripts for bash, zsh and fish, --help with
 * examples on every command and subcommand, --version, and suggestions for mistyped commands.
 * The command tree is read from the program itself, so a new command is covered automatically.
 */

const VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const quietIo: Io = { cwd: PROJECT_ROOT, env: {}, stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, now: () => new Date('2026-11-26T12:00:00Z') };

/** Every command path, e.g. ['validate'], ['report'], ['report', 'soa']; commander's implicit `help` left out. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => {
      const here = [...prefix, c.name()];
      return [here, ...commandPaths(c, here)];
    });
}

const program = createProgram(quietIo, VERSION, () => undefined);
const PATHS = commandPaths(program);
const TOP = PATHS.filter((p) => p.length === 1).map((p) => p[0] as string);

it('finds the commands the issue names', () => {
  for (const name of ['validate', 'gap', 'catalog', 'report', 'diff', 'verify', 'schema', 'init', 'new', 'completion']) expect(TOP).toContain(name);
  expect(PATHS).toContainEqual(['report', 'soa']);
  expect(PATHS).toContainEqual(['report', 'pack']);
});

describe('aims completion', () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    it(`${shell}: mentions every command, subcommand and long option`, async () => {
      const result = await runMain(['completion', shell], PROJECT_ROOT);
      expect(result.code).toBe(0);
      expect(result.stdout.length).toBeGreaterThan(100);
      for (const p of PATHS) expect(result.stdout, p.join(' ')).toMatch(new RegExp(`(^|[\\s'"(=])${p[p.length - 1]}([\\s'":)]|$)`, 'm'));
      for (const flag of ['--format', '--output', '--baseline', '--write-baseline', '--organisation', '--id', '--title', '--write']) {
        const long = shell === 'fish' ? `-l ${flag.slice(2)}` : flag;
        expect(result.stdout, flag).toContain(long);
      }
    });
  }

  it('rejects an unknown shell (exit 2)', async () => {
    const result = await runMain(['completion', 'tcsh'], PROJECT_ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bash.*zsh.*fish/);
  });

  describe('the bash script, loaded into a real bash', () => {
    let dir: { dir: string; cleanup: () => void };
    beforeAll(async () => {
      dir = tempDir('aims-completion-');
      writeFileSync(path.join(dir.dir, 'aims.bash'), (await runMain(['completion', 'bash'], PROJECT_ROOT)).stdout);
    });
    afterAll(() => dir.cleanup());

    function complete(words: string[]): string[] {
      const script = `source ./aims.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _aims; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const result = spawnSync('bash', ['--noprofile', '--norc', '-c', script], { cwd: dir.dir, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout.split('\n').filter((l) => l !== '');
    }

    it('parses (bash -n)', () => {
      const result = spawnSync('bash', ['-n', 'aims.bash'], { cwd: dir.dir, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
    });

    it('completes commands, subcommands and options', () => {
      expect(complete(['aims', 'val'])).toEqual(['validate']);
      expect(complete(['aims', ''])).toEqual(expect.arrayContaining(TOP));
      expect(complete(['aims', 'validate', '--form'])).toEqual(['--format']);
      expect(complete(['aims', 'validate', '--write-b'])).toEqual(['--write-baseline']);
      expect(complete(['aims', 'report', ''])).toEqual(expect.arrayContaining(['soa', 'pack']));
      expect(complete(['aims', 'init', '--f'])).toEqual(['--force']);
    });

    it('completes values, not file names, where a format, kind, shell or id belongs; and the catalogue alias', () => {
      expect(complete(['aims', 'validate', '--format', ''])).toEqual(['stylish', 'json', 'sarif', 'junit', 'github', 'markdown']);
      expect(complete(['aims', 'gap', '-f', 'j'])).toEqual(['json']);
      expect(complete(['aims', 'report', 'soa', '--format', ''])).toEqual(['md', 'html', 'csv', 'json']);
      expect(complete(['aims', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
      expect(complete(['aims', 'new', ''])).toEqual([...RECORD_KINDS]);
      expect(complete(['aims', 'new', 'control', '--id', 'A.6.2.'])).toEqual(expect.arrayContaining(['A.6.2.2', 'A.6.2.8']));
      expect(complete(['aims', 'new', 'risk', '--id', '9.'])).toEqual(expect.arrayContaining(['9.1', '9.2', '9.3']));
      expect(complete(['aims', 'schema', 'ri'])).toEqual(['risk']);
      expect(complete(['aims', 'catalo'])).toEqual(['catalog', 'catalogue']);
      writeFileSync(path.join(dir.dir, 'audit.txt'), 'x');
      expect(complete(['aims', 'validate', 'aud'])).toEqual(['audit.txt']);
      expect(complete(['aims', 'report', 'pack', '--out', 'aud'])).toEqual(['audit.txt']);
    });
  });
});

describe('--help', () => {
  for (const p of PATHS) {
    it(`aims ${p.join(' ')} --help shows an example`, async () => {
      const result = await runMain([...p, '--help'], PROJECT_ROOT);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: aims ${p.join(' ')}`);
      expect(result.stdout).toContain('Examples:');
      expect(result.stdout.slice(result.stdout.indexOf('Examples:'))).toMatch(/\$ aims /);
    });
  }

  it('aims help CMD is the same as aims CMD --help', async () => {
    const viaHelp = await runMain(['help', 'validate'], PROJECT_ROOT);
    const viaFlag = await runMain(['validate', '--help'], PROJECT_ROOT);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  });
});

describe('--version', () => {
  it("prints package.json's version and exits 0 (built binary, --version and -V)", () => {
    for (const flag of ['--version', '-V']) {
      const result = runBin([flag], PROJECT_ROOT);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${VERSION}\n`);
    }
  });
});

describe('mistyped commands', () => {
  it('aims valdate: exit 2 and "Did you mean validate?" (built binary)', () => {
    const result = runBin(['valdate'], PROJECT_ROOT);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Did you mean validate?');
  });

  const cases: [string[], string][] = [
    [['gpa'], 'gap'],
    [['reprot'], 'report'],
    [['report', 'sao'], 'soa'],
    [['verfiy'], 'verify'],
    [['completoin', 'bash'], 'completion'],
    [['validate', '--fromat', 'json'], '--format'],
  ];
  for (const [args, suggestion] of cases) {
    it(`aims ${args.join(' ')}: exit 2 and suggests ${suggestion}`, async () => {
      const result = await runMain(args, PROJECT_ROOT);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Did you mean ${suggestion}?`);
    });
  }

  it('aims with no command prints the help and exits 2', async () => {
    const result = await runMain([], PROJECT_ROOT);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain('Usage: aims');
  });
});
