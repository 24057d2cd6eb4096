import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { normaliseRepositoryUrl } from '../../src/analyse/discover/match-inventory.js';
import { git, makeGitRepo, tempDir, writeFiles } from '../helpers/git-repo.js';
import { PROJECT_ROOT, runMain } from '../helpers/run.js';

const ACME = path.join(PROJECT_ROOT, 'examples/acme');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function acme(): string {
  const r = makeGitRepo({ copyFrom: ACME });
  cleanups.push(r.cleanup);
  return r.dir;
}

interface JsonOut {
  findings: { file: string; line: number; status: string; signature: string; systems: string[] }[];
  summary: { registered: number; unlisted: number; unregistered: number };
}
const findings = (stdout: string): string[] => (JSON.parse(stdout) as JsonOut).findings.map((f) => `${f.status} ${f.file}:${f.line} ${f.signature}`);

describe('aims discover on examples/acme (one registered, one unlisted, one unregistered use)', () => {
  it('matches each use against the system records', async () => {
    const dir = acme();
    const r = await runMain(['discover', 'code/support-assistant', 'code/collections-analytics', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(findings(r.stdout)).toEqual([
      'registered code/support-assistant/app.py:5 openai',
      'registered code/support-assistant/requirements.txt:3 openai',
      'unlisted code/support-assistant/requirements.txt:4 langchain',
      'unregistered code/collections-analytics/arrears-propensity.ipynb:18 scikit-learn',
    ]);
  });

  it('--fail-on gates CI: unregistered, or unlisted and worse', async () => {
    const dir = acme();
    expect((await runMain(['discover', 'code/support-assistant', '--fail-on', 'unregistered'], dir)).code).toBe(0);
    expect((await runMain(['discover', 'code/support-assistant', '--fail-on', 'unlisted'], dir)).code).toBe(1);
    expect((await runMain(['discover', 'code/collections-analytics', '--fail-on', 'unregistered'], dir)).code).toBe(1);
    expect((await runMain(['discover', 'code', '--fail-on', 'everything'], dir)).code).toBe(2);
  });

  it('text and Markdown name file:line, the signature, its category and the next step', async () => {
    const dir = acme();
    const text = (await runMain(['discover', 'code/support-assistant'], dir)).stdout;
    expect(text).toContain('code/support-assistant/requirements.txt:4  unlisted component  langchain [agent-framework]');
    expect(text).toContain('→ add `langchain` to `components` of SYS-SUPPORT-ASSISTANT (aims/systems/support-assistant.yaml:1)');
    const md = (await runMain(['discover', 'code/collections-analytics', '--format', 'markdown'], dir)).stdout;
    expect(md).toContain('| unregistered | `code/collections-analytics/arrears-propensity.ipynb:18` | `scikit-learn` | ml-library |');
    // The exact entry to write: the folder as the AIMS root sees it, whatever folder discover ran from.
    expect(md).toContain('add `code/collections-analytics` to `repositories` of the system record this code belongs to, and `scikit-learn` to its `components`');
    const fromCode = (await runMain(['discover', 'collections-analytics', '--root', '..'], path.join(dir, 'code'))).stdout;
    expect(fromCode).toContain('→ add `code/collections-analytics` to `repositories`');
  });

  it('SARIF is valid SARIF 2.1.0 with paths relative to the scanned repository', async () => {
    const dir = acme();
    const r = await runMain(['discover', 'code/support-assistant', '--format', 'sarif'], dir);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test/data/sarif-2.1.0.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    ((addFormatsModule as unknown as { default: (a: Ajv) => void }).default)(ajv);
    const validateSarif = ajv.compile(schema);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((x) => `${x.ruleId} ${x.level} ${x.locations[0]?.physicalLocation.artifactLocation.uri}:${x.locations[0]?.physicalLocation.region.startLine}`)).toEqual([
      'discover/registered note app.py:5',
      'discover/registered note requirements.txt:3',
      'discover/unlisted warning requirements.txt:4',
    ]);
  });

  it('--suggest prints a system record that validates and, once added, registers the use', async () => {
    const dir = acme();
    const suggestion = (await runMain(['discover', 'code/collections-analytics', 'code/support-assistant', '--suggest'], dir)).stdout;
    expect(suggestion).toContain('repositories: ["code/collections-analytics"]');
    expect(suggestion).toContain('# system SYS-SUPPORT-ASSISTANT: add to its components:\ncomponents:\n  - langchain');
    const record = suggestion.slice(suggestion.indexOf('---'), suggestion.indexOf('# system'));
    writeFileSync(path.join(dir, 'aims/systems/collections-analytics.yaml'), record);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-qm', 'register']);
    const validate = await runMain(['validate', '--format', 'json'], dir);
    expect((JSON.parse(validate.stdout) as { summary: { errors: number } }).summary.errors).toBe(0);
    const again = await runMain(['discover', 'code/collections-analytics', '--format', 'json'], dir);
    expect(findings(again.stdout)).toEqual(['registered code/collections-analytics/arrears-propensity.ipynb:18 scikit-learn']);
  });

  it('with no folder named, scans discover.paths from aims.yaml', async () => {
    const dir = acme();
    writeFileSync(path.join(dir, 'aims.yaml'), readFileSync(path.join(dir, 'aims.yaml'), 'utf8') + 'discover:\n  paths: [code/collections-analytics]\n');
    const r = await runMain(['discover', '--format', 'json'], path.join(dir, 'aims'));
    expect(findings(r.stdout)).toEqual(['unregistered code/collections-analytics/arrears-propensity.ipynb:18 scikit-learn']);
  });
});

describe('claims by repository URL', () => {
  it('https, ssh and scp forms of one repository are the same', () => {
    const forms = ['https://github.com/Acme/Triage.git', 'git@github.com:acme/triage.git', 'ssh://git@github.com/acme/triage', 'https://token@github.com/acme/triage/'];
    expect(new Set(forms.map(normaliseRepositoryUrl))).toEqual(new Set(['github.com/acme/triage']));
    expect(normaliseRepositoryUrl('code/triage')).toBeUndefined();
  });

  it('a system claims a code repository elsewhere on disk by its remote', async () => {
    const dir = acme();
    writeFiles(dir, {
      'aims/systems/triage.yaml': 'kind: system\nid: SYS-TRIAGE\ntitle: Ticket triage\ndescription: Routes support tickets.\nlifecycle: operation\nrepositories: [https://github.com/acme/triage]\ncomponents: [OpenAI]\n',
    });
    const code = makeGitRepo({ copyFrom: path.join(PROJECT_ROOT, 'test/data/discover/go-service') });
    cleanups.push(code.cleanup);
    git(code.dir, ['remote', 'add', 'origin', 'git@github.com:Acme/triage.git']);
    const r = await runMain(['discover', code.dir, '--root', dir, '--format', 'json'], dir);
    const out = JSON.parse(r.stdout) as JsonOut;
    // `components: [OpenAI]` names the provider: every OpenAI use is registered.
    expect(out.findings.map((f) => `${f.status} ${f.systems.join(',')}`)).toEqual(['registered SYS-TRIAGE', 'registered SYS-TRIAGE', 'registered SYS-TRIAGE']);
  });
});

describe('--sbom', () => {
  it('reads CycloneDX and SPDX JSON with the same signatures', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    writeFiles(t.dir, {
      'bom.cdx.json': JSON.stringify(
        {
          bomFormat: 'CycloneDX',
          specVersion: '1.5',
          components: [
            { type: 'library', name: 'openai', purl: 'pkg:pypi/openai@1.40.0' },
            { type: 'library', name: 'requests', purl: 'pkg:pypi/requests@2.32.0' },
            { type: 'library', name: 'core', group: '@langchain', purl: 'pkg:npm/%40langchain/core@0.3.0', components: [{ type: 'library', name: 'langchain4j', purl: 'pkg:maven/dev.langchain4j/langchain4j@0.35.0' }] },
            { type: 'machine-learning-model', name: 'fraud-gbm-v7' },
          ],
        },
        null,
        2,
      ),
      'bom.spdx.json': JSON.stringify(
        { spdxVersion: 'SPDX-2.3', packages: [{ name: 'torch', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:pypi/torch@2.4.0' }] }, { name: 'numpy', externalRefs: [{ referenceType: 'purl', referenceLocator: 'pkg:pypi/numpy@2.0.0' }] }] },
        null,
        2,
      ),
      'not-a-bom.json': '{"hello": "world"}',
    });
    const r = await runMain(['discover', '--sbom', 'bom.cdx.json', '--sbom', 'bom.spdx.json', '--format', 'json'], t.dir);
    expect(r.code).toBe(0);
    expect(findings(r.stdout)).toEqual([
      'unregistered bom.cdx.json:8 openai',
      'unregistered bom.cdx.json:19 langchain',
      'unregistered bom.cdx.json:24 langchain4j',
      'unregistered bom.cdx.json:30 ml-model',
      'unregistered bom.spdx.json:10 pytorch',
    ]);
    const bad = await runMain(['discover', '--sbom', 'not-a-bom.json'], t.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not-a-bom.json is not a CycloneDX or SPDX JSON SBOM');
  });
});
