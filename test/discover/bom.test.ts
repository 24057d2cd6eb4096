import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGitRepo, tempDir } from '../helpers/git-repo.js';
import { PROJECT_ROOT, runMain } from '../helpers/run.js';

/** The official CycloneDX 1.6 JSON schema, as the library ships it (no network). */
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

interface Component {
  type: string;
  name: string;
  'bom-ref'?: string;
  supplier?: { name: string };
  properties?: { name: string; value: string }[];
  components?: Component[];
}
interface Bom {
  specVersion: string;
  metadata: { timestamp: string };
  components: Component[];
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function acme(): string {
  const r = makeGitRepo({ copyFrom: path.join(PROJECT_ROOT, 'examples/acme') });
  cleanups.push(r.cleanup);
  return r.dir;
}

describe('aims report bom', () => {
  it('writes a CycloneDX 1.6 BOM that the official schema accepts', async () => {
    const dir = acme();
    const r = await runMain(['report', 'bom', '--as-of', '2026-12-01'], dir);
    expect(r.code).toBe(0);
    expect(await validator.validate(r.stdout)).toBeNull();
    const bom = JSON.parse(r.stdout) as Bom;
    expect(bom.specVersion).toBe('1.6');
    expect(bom.metadata.timestamp).toBe('2026-12-01T00:00:00.000Z');
    expect(bom.components.map((c) => c['bom-ref'])).toContain('SYS-CREDIT-AURORA');
  });

  it('each system carries its components, providers, risks and assessment status', async () => {
    const bom = JSON.parse((await runMain(['report', 'bom', '--as-of', '2026-12-01'], acme())).stdout) as Bom;
    const assistant = bom.components.find((c) => c['bom-ref'] === 'SYS-SUPPORT-ASSISTANT');
    expect(assistant?.type).toBe('application');
    expect(assistant?.components?.map((c) => `${c.type} ${c.name} ${c.supplier?.name ?? ''}`)).toEqual(['machine-learning-model OpenAI API OpenAI']);
    const props = (c: Component | undefined, name: string): string[] => (c?.properties ?? []).filter((p) => p.name === name).map((p) => p.value);
    expect(props(assistant, 'aims:repository')).toEqual(['code/support-assistant']);
    expect(props(assistant, 'aims:risk').length).toBeGreaterThan(0);
    const aurora = bom.components.find((c) => c['bom-ref'] === 'SYS-CREDIT-AURORA');
    expect(props(aurora, 'aims:impact-assessment')).toEqual(['AIA-CREDIT-AURORA of 2026-07-21, approved 2026-07-28']);
    expect(props(aurora, 'aims:risk')[0]).toMatch(/^RISK-001: likely likelihood, major impact/);
  });

  it('the schema check can fail: a BOM with an unknown component type is refused', async () => {
    const bom = JSON.parse((await runMain(['report', 'bom', '--as-of', '2026-12-01'], acme())).stdout) as Bom;
    (bom.components[0] as Component).type = 'ai-system';
    expect(await validator.validate(JSON.stringify(bom))).not.toBeNull();
  });

  it('is deterministic and writes where asked', async () => {
    const dir = acme();
    const out = tempDir();
    cleanups.push(out.cleanup);
    const file = path.join(out.dir, 'ai-bom.cdx.json');
    const r = await runMain(['report', 'bom', '--as-of', '2026-12-01', '--out', file], dir);
    expect(r.stderr).toContain('CycloneDX 1.6, 7 AI systems');
    expect(readFileSync(file, 'utf8')).toBe((await runMain(['report', 'bom', '--as-of', '2026-12-01'], dir)).stdout);
  });

  it('the evidence pack includes it', async () => {
    const dir = acme();
    const out = tempDir();
    cleanups.push(out.cleanup);
    const pack = path.join(out.dir, 'pack');
    expect((await runMain(['report', 'pack', '--out', pack, '--as-of', '2026-12-01'], dir)).code).toBe(0);
    const text = readFileSync(path.join(pack, 'ai-bom.cdx.json'), 'utf8');
    expect(await validator.validate(text)).toBeNull();
    const manifest = JSON.parse(readFileSync(path.join(pack, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toContain('ai-bom.cdx.json');
  });
});
