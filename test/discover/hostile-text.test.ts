/**
 * aims discover reads whole files from repositories it does not trust. Each case is a file
 * shaped to make a quadratic scanner run for many minutes (a long line, a long run of
 * host-name characters, many misses), committed to a temporary git repository and scanned by
 * the built binary, which is killed if it has not finished by TIMEOUT: a hang fails the case
 * (nothing here measures speed; linear scanners finish these in a second or two). Each file
 * also holds one real use, which must still be found on its line, and a near miss.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGitRepo } from '../helpers/git-repo.js';
import { BIN } from '../helpers/run.js';

const TIMEOUT = 60_000;
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

interface Finding {
  file: string;
  line: number;
  signature: string;
}

function discover(files: Record<string, string>, args: string[] = [], setup?: (dir: string) => void): string[] {
  const repo = makeGitRepo({ commits: [{ files }] });
  cleanups.push(repo.cleanup);
  setup?.(repo.dir);
  // SIGKILL: a process blocked in a system call (opening a FIFO) cannot run aims's own SIGTERM handler.
  const r = spawnSync(process.execPath, [BIN, 'discover', '.', '--format', 'json', ...args], { cwd: repo.dir, encoding: 'utf8', timeout: TIMEOUT, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings.map((f) => `${f.file}:${f.line} ${f.signature}`);
}

describe('hostile text in scanned files', { timeout: TIMEOUT + 30_000 }, () => {
  it('a long run of host-name characters is not widened past the longest host name', () => {
    const text = `${'api.openai.com.'.repeat(120_000)}\nurl: "https://api.openai.com/v1"\nother: "https://api.openai.com.evil.example"\n`;
    expect(discover({ 'config.yaml': text })).toEqual(['config.yaml:2 openai']);
  });

  it("an organisation's host pattern with many wildcards is matched label by label, not by a backtracking expression", () => {
    const aims = 'organisation: Acme\ndiscover:\n  signatures:\n    - { id: acme-gateway, name: Acme gateway, category: hosted-ai, hosted: true, hosts: ["*-*-*-*-*-*.gw.acme.example"] }\n';
    const text = `x = "${'a-'.repeat(100_000)}"\ny = "https://p-q-r-s-t-u.gw.acme.example/v1"\nz = "https://p-q.gw.acme.example"\n`;
    expect(discover({ 'aims.yaml': aims, 'settings.toml': text }, ['--root', '.'])).toEqual(['settings.toml:2 acme-gateway']);
  });

  it('a notebook whose lines are written with escapes is placed in one pass', () => {
    // "\u00e9" in the file is "é" once parsed: a search of the file for each parsed line misses every time.
    const cell = (source: string[]): string => `{"cell_type": "code", "metadata": {}, "outputs": [], "source": [${source.map((l) => JSON.stringify(l).replaceAll('é', '\\u00e9')).join(',\n')}]}`;
    const filler = Array.from({ length: 40_000 }, (_, i) => `x${i} = "café"\n`);
    const text = `{"cells": [\n${cell(filler)},\n${cell(['import openai\n'])}\n], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n`;
    expect(discover({ 'analysis.ipynb': text })).toEqual(['analysis.ipynb:40002 openai']);
  });

  it('many docstrings and many import lines in one Python file are matched in one pass', () => {
    const text = `${'"""doc"""\nimport os\n'.repeat(90_000)}"""\nimport anthropic\n"""\nimport openai\n`;
    expect(discover({ 'service.py': text })).toEqual(['service.py:180004 openai']);
  });

  it('a one-line bundle with many require() calls finds each line start without scanning back', () => {
    const text = `${"require('lodash');".repeat(100_000)}require('openai');\n// require('@anthropic-ai/sdk');\n`;
    expect(discover({ 'bundle.js': text })).toEqual(['bundle.js:1 openai']);
  });

  it('a lockfile with many packages searches the text only for the AI ones', () => {
    const packages: Record<string, unknown> = { '': { name: 'app' } };
    for (let i = 0; i < 100_000; i++) packages[`node_modules/pkg-${i}`] = { version: '1.0.0' };
    packages['node_modules/openai'] = { version: '4.0.0' };
    const text = JSON.stringify({ name: 'app', lockfileVersion: 3, packages }, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"node_modules/openai"')) + 1;
    expect(discover({ 'package-lock.json': text })).toEqual([`package-lock.json:${line} openai`]);
  });

  it('XML manifests with many unclosed tags are read once', () => {
    const config = `<packages>\n  <package id="Microsoft.ML" version="3.0.1" />\n${'<package id="x" '.repeat(100_000)}`;
    const pom = `<project><dependencies>\n<dependency><groupId>dev.langchain4j</groupId>\n<artifactId>langchain4j</artifactId></dependency>\n${'<dependency><groupId>a</groupId>'.repeat(100_000)}</project>`;
    expect(discover({ 'packages.config': config, 'pom.xml': pom })).toEqual(['packages.config:2 ml-net', 'pom.xml:3 langchain4j']);
  });

  it('a tracked file replaced by a FIFO is not waited on', () => {
    const fifo = (dir: string): void => {
      rmSync(path.join(dir, 'pipe.py'));
      const made = spawnSync('mkfifo', [path.join(dir, 'pipe.py')]);
      expect(made.status).toBe(0);
    };
    expect(discover({ 'pipe.py': 'import anthropic\n', 'app.py': 'import openai\n' }, [], fifo)).toEqual(['app.py:1 openai']);
  });
});
