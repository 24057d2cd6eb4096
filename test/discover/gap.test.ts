import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { git, makeGitRepo, writeFiles } from '../helpers/git-repo.js';
import { PROJECT_ROOT, runMain } from '../helpers/run.js';

interface GapJson {
  clauses: { id: string; status: string; findings: { message: string; file?: string; line?: number }[] }[];
  controls: { id: string; gap: boolean; findings: { message: string; file?: string; line?: number }[] }[];
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function acmeWatching(paths: string, extraFiles: Record<string, string> = {}): string {
  const r = makeGitRepo({ copyFrom: path.join(PROJECT_ROOT, 'examples/acme') });
  cleanups.push(r.cleanup);
  const config = path.join(r.dir, 'aims.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}discover:\n  paths: ${paths}\n`);
  writeFiles(r.dir, extraFiles);
  git(r.dir, ['add', '-A']);
  git(r.dir, ['commit', '-qm', 'watch code']);
  return r.dir;
}

const notes = async (dir: string, args: string[] = []): Promise<string[]> =>
  (await runMain(['gap', '--as-of', '2026-12-01', ...args], dir)).stdout
    .split('\n')
    .filter((l) => l.startsWith('Note: '))
    .map((l) => l.slice('Note: '.length));
const gap = async (dir: string, args: string[] = []): Promise<GapJson> => JSON.parse((await runMain(['gap', '--as-of', '2026-12-01', '--format', 'json', ...args], dir)).stdout) as GapJson;

describe('aims gap with discover.paths', () => {
  it('reports unregistered AI use under 4.3 and A.4.2, with file:line', async () => {
    const dir = acmeWatching('[code/support-assistant, code/collections-analytics]');
    const result = await gap(dir);
    const scope = result.clauses.find((c) => c.id === '4.3');
    expect(scope?.findings.filter((f) => f.message.includes('no system record claims')).map((f) => `${f.file}:${f.line}`)).toEqual(['code/collections-analytics/arrears-propensity.ipynb:18']);
    expect(scope?.status).not.toBe('met');
    const resources = result.controls.find((c) => c.id === 'A.4.2');
    expect(resources?.gap).toBe(true);
    expect(resources?.findings.map((f) => f.message)).toContain('scikit-learn is used in code/collections-analytics without a system record documenting it as a resource');
    // scikit-learn runs in-house: no supplier finding.
    expect(result.controls.find((c) => c.id === 'A.10.3')?.findings.some((f) => f.message.includes('collections-analytics'))).toBe(false);
  });

  it('a hosted provider is also a supplier finding under A.10.3', async () => {
    const dir = acmeWatching('[code/pricing-bot]', { 'code/pricing-bot/bot.py': 'import anthropic\n' });
    const result = await gap(dir);
    const suppliers = result.controls.find((c) => c.id === 'A.10.3');
    expect(suppliers?.gap).toBe(true);
    expect(suppliers?.findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toContain("code/pricing-bot/bot.py:1 code/pricing-bot sends data to Anthropic's hosted service, a supplier no system record names");
  });

  it('registered and unlisted use are no gap finding (the inventory knows the code)', async () => {
    const dir = acmeWatching('[code/support-assistant]');
    const result = await gap(dir);
    const all = [...result.clauses, ...result.controls].flatMap((x) => x.findings.map((f) => f.file ?? ''));
    expect(all.some((f) => f.startsWith('code/'))).toBe(false);
    expect(await notes(dir)).toContain('AI use in code: 1 folder of discover.paths scanned as they are on disk now');
  });

  it('does not walk outside the folder holding the AIMS, nor read code at --ref', async () => {
    const dir = acmeWatching('[../../.., code/missing]');
    expect(await notes(dir)).toEqual(expect.arrayContaining(['discover.paths entry ../../.. leaves the folder that holds the AIMS: not scanned', 'discover.paths entry code/missing is not a folder: not scanned']));
    expect(await notes(dir, ['--ref', 'HEAD'])).toContain('discover.paths were not scanned: the code on disk is not as it was at --ref');
  });
});
