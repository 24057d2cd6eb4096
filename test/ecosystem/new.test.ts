import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../../src/model/record.js';
import { KIND_LAYOUT } from '../../src/render/scaffold/scaffold.js';
import { git, makeGitRepo, tempDir } from '../helpers/git-repo.js';
import { parseJsonOutput } from '../helpers/json-output.js';
import { yaml } from '../helpers/yaml.js';
import { aims, repoWith, scaffold, treeHashes } from './helpers.js';

/**
 * `aims new KIND [--id] [--title]`: a record from the kind's template with the next free id
 * in the kind's folder; standard output is its path and nothing else.
 */

function risk(id: string): string {
  return yaml`
    kind: risk
    id: ${id}
    title: Risk ${id}
    likelihood: possible
    impact: moderate
  `;
}

describe('id allocation', () => {
  it('RISK-001 in an empty folder, printed as the only output line', async () => {
    const repo = tempDir('aims-new-');
    try {
      const result = await aims(repo.dir, 'new', 'risk');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe('aims/risks/risk-001.yaml\n');
      const text = readFileSync(path.join(repo.dir, 'aims/risks/risk-001.yaml'), 'utf8');
      expect(text).toMatch(/^id: RISK-001$/m);
      expect(text).toMatch(/^kind: risk$/m);
      // No schemas in this folder yet: it says how to get them, on standard error.
      expect(result.stderr).toContain('aims schema --write');
    } finally {
      repo.cleanup();
    }
  });

  it('RISK-007 after RISK-006, even with gaps in the numbering and other kinds around', async () => {
    const repo = repoWith({
      'aims/risks/a.yaml': risk('RISK-002'),
      'aims/risks/b.yaml': risk('RISK-006'),
      'aims/risks/c.yaml': risk('RISK-OLD'),
      'aims/misc.yaml': yaml`
        kind: objective
        id: OBJ-042
        title: An objective
        metric: m
        target: t
        due: 2027-01-01
        status: not-started
      `,
    });
    try {
      const result = await aims(repo.dir, 'new', 'risk');
      expect(result.stdout).toBe('aims/risks/risk-007.yaml\n');
      expect(readFileSync(path.join(repo.dir, 'aims/risks/risk-007.yaml'), 'utf8')).toMatch(/^id: RISK-007$/m);
      const again = await aims(repo.dir, 'new', 'risk');
      expect(again.stdout).toBe('aims/risks/risk-008.yaml\n');
      const objective = await aims(repo.dir, 'new', 'objective');
      expect(objective.stdout).toBe('aims/objectives/obj-043.yaml\n');
    } finally {
      repo.cleanup();
    }
  });

  it('keeps the widest zero padding in use: RISK-0099 → RISK-0100; and grows past it: RISK-999 → RISK-1000', async () => {
    const padded = repoWith({ 'aims/risks/a.yaml': risk('RISK-0099'), 'aims/risks/b.yaml': risk('RISK-001') });
    const full = repoWith({ 'aims/risks/a.yaml': risk('RISK-999') });
    try {
      expect((await aims(padded.dir, 'new', 'risk')).stdout).toBe('aims/risks/risk-0100.yaml\n');
      expect((await aims(full.dir, 'new', 'risk')).stdout).toBe('aims/risks/risk-1000.yaml\n');
    } finally {
      padded.cleanup();
      full.cleanup();
    }
  });

  it('uses --id and --title as given', async () => {
    const repo = repoWith({ 'aims/risks/a.yaml': risk('RISK-001') });
    try {
      const result = await aims(repo.dir, 'new', 'risk', '--id', 'RISK-DRIFT', '--title', 'Model drift in fraud scoring');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe('aims/risks/risk-drift.yaml\n');
      const text = readFileSync(path.join(repo.dir, 'aims/risks/risk-drift.yaml'), 'utf8');
      expect(text).toMatch(/^id: RISK-DRIFT$/m);
      expect(text).toMatch(/^title: Model drift in fraud scoring$/m);
    } finally {
      repo.cleanup();
    }
  });

  it('a system takes --repository and --component for aims discover, written as YAML values that read back as given', async () => {
    const repo = makeGitRepo({ commits: [{ files: { 'aims.yaml': 'organisation: Acme\n', 'code/chat: svc #1/app.py': 'import openai\n' } }] });
    try {
      const result = await aims(repo.dir, 'new', 'system', '--title', 'Chat', '--repository', 'code/chat: svc #1', '--repository', 'https://github.com/acme/chat', '--component', 'openai');
      expect(result.code, result.stderr).toBe(0);
      const text = readFileSync(path.join(repo.dir, 'aims/systems/sys-001.yaml'), 'utf8');
      expect(text).toContain('repositories: ["code/chat: svc #1", https://github.com/acme/chat]');
      expect(text).toMatch(/^components: \[openai\]$/m);
      const validate = parseJsonOutput((await aims(repo.dir, 'validate', '--format', 'json')).stdout);
      expect(validate.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // The record claims the code: discover finds the use registered to it.
      git(repo.dir, ['add', '-A']);
      git(repo.dir, ['commit', '-qm', 'system']);
      const found = await aims(repo.dir, 'discover', 'code/chat: svc #1', '--format', 'json');
      expect((JSON.parse(found.stdout) as { findings: { status: string; systems: string[] }[] }).findings.map((f) => `${f.status} ${f.systems.join(',')}`)).toEqual(['registered SYS-001']);
    } finally {
      repo.cleanup();
    }
  });

  it('without --repository and --component a new system has both fields, empty, to fill', async () => {
    const repo = tempDir('aims-new-');
    try {
      expect((await aims(repo.dir, 'new', 'system')).code).toBe(0);
      const text = readFileSync(path.join(repo.dir, 'aims/systems/sys-001.yaml'), 'utf8');
      expect(text).toMatch(/^repositories: \[\]$/m);
      expect(text).toMatch(/^components: \[\]$/m);
    } finally {
      repo.cleanup();
    }
  });

  it('refuses a --component given twice or an empty --repository (the schema says unique, not empty), exit 2, and writes nothing', async () => {
    const repo = tempDir('aims-new-');
    try {
      const twice = await aims(repo.dir, 'new', 'system', '--component', 'openai', '--component', 'openai');
      expect(twice.code).toBe(2);
      expect(twice.stderr).toContain('--component cannot be used as given');
      const empty = await aims(repo.dir, 'new', 'system', '--repository', '');
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain('--repository cannot be used as given');
      const otherKind = await aims(repo.dir, 'new', 'risk', '--component', 'openai');
      expect(otherKind.code).toBe(2);
      expect(treeHashes(repo.dir)).toEqual({});
    } finally {
      repo.cleanup();
    }
  });

  it('refuses an id that exists, of any kind (exit 2), and writes nothing', async () => {
    const repo = repoWith({ 'aims/risks/a.yaml': risk('RISK-001'), 'aims/risks/b.yaml': risk('RISK-002') });
    try {
      const before = treeHashes(repo.dir);
      const same = await aims(repo.dir, 'new', 'risk', '--id', 'RISK-002');
      expect(same.code).toBe(2);
      expect(same.stdout).toBe('');
      expect(same.stderr).toContain('RISK-002');
      const otherKind = await aims(repo.dir, 'new', 'control', '--id', 'RISK-001');
      expect(otherKind.code).toBe(2);
      expect(treeHashes(repo.dir)).toEqual(before);
    } finally {
      repo.cleanup();
    }
  });

  it('refuses an Annex A id whose SoA entry waits commented out (a second entry would become a duplicate), naming where; once it is gone, writes one', async () => {
    const repo = await scaffold();
    try {
      const before = treeHashes(repo.dir);
      const waiting = await aims(repo.dir, 'new', 'control', '--id', 'A.5.3', '--title', 'AI system impact assessment process');
      expect(waiting.code).toBe(2);
      expect(waiting.stdout).toBe('');
      expect(waiting.stderr).toMatch(/the SoA entry of A\.5\.3 already waits, commented out, at aims\/controls\/a5-assessing-impacts-of-ai\.yaml:\d+\n.*uncomment it there/);
      expect(treeHashes(repo.dir)).toEqual(before);
      rmSync(path.join(repo.dir, 'aims', 'controls', 'a5-assessing-impacts-of-ai.yaml'));
      const own = await aims(repo.dir, 'new', 'control', '--id', 'A.5.3', '--title', 'AI system impact assessment process');
      expect(own.code, own.stderr).toBe(0);
    } finally {
      repo.cleanup();
    }
  });

  it('refuses an unknown kind (exit 2) with a did-you-mean, and writes nothing', async () => {
    const repo = tempDir('aims-new-');
    try {
      const result = await aims(repo.dir, 'new', 'rsik');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/did you mean "?risk"?/i);
      expect(treeHashes(repo.dir)).toEqual({});
    } finally {
      repo.cleanup();
    }
  });

  it('leaves likelihood and impact for the user, showing the configured scales; validate warns, gap finds the risk unassessed', async () => {
    const repo = repoWith({
      'aims.yaml': yaml`
        organisation: Scale Ltd
        risk:
          likelihood: [low, medium, high]
          impact: [minor, serious, critical]
          acceptance: 4
      `,
    });
    try {
      const file = (await aims(repo.dir, 'new', 'risk')).stdout.trim();
      const text = readFileSync(path.join(repo.dir, file), 'utf8');
      expect(text).not.toMatch(/^likelihood:/m);
      expect(text).not.toMatch(/^impact:/m);
      expect(text).toMatch(/^# likelihood: +# low \| medium \| high$/m);
      expect(text).toMatch(/^# impact: +# minor \| serious \| critical$/m);
      const json = parseJsonOutput((await aims(repo.dir, 'validate', '--format', 'json')).stdout);
      expect(json.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(json.diagnostics.find((d) => d.rule === 'risk/unrated')?.severity).toBe('warning');
      expect((await aims(repo.dir, 'validate')).stdout).toContain('`likelihood:` one of low, medium or high');
      const gap = (await aims(repo.dir, 'gap')).stdout;
      expect(gap).toContain('RISK-001');
      expect(gap).toMatch(/no likelihood and impact/);
    } finally {
      repo.cleanup();
    }
  });
});

describe('what aims new writes is read back before it is written', () => {
  it('refuses a template override that writes a value raw (a title with `: ` would break the YAML), exit 2, and writes nothing', async () => {
    const repo = repoWith({
      'templates/records/risk.yaml.hbs': 'kind: risk\nid: {{id}}\ntitle: {{title}}\n',
    });
    try {
      const before = treeHashes(repo.dir);
      const result = await aims(repo.dir, 'new', 'risk', '--title', 'Bias: older candidates');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('the template for a new risk wrote an invalid record');
      expect(result.stderr).toContain('nothing was written');
      expect(treeHashes(repo.dir)).toEqual(before);
      // A value that YAML silently shortens ("Acme #1" → "Acme") is caught by the read-back too.
      const cut = await aims(repo.dir, 'new', 'risk', '--title', 'Acme #1');
      expect(cut.code).toBe(2);
      expect(treeHashes(repo.dir)).toEqual(before);
    } finally {
      repo.cleanup();
    }
  });

  it('refuses an assessment when there is no system to assess, and competence when there is no role, naming the command to run first', async () => {
    const repo = tempDir('aims-new-');
    try {
      const assessment = await aims(repo.dir, 'new', 'assessment');
      expect(assessment.code).toBe(2);
      expect(assessment.stderr).toContain('aims new system');
      const competence = await aims(repo.dir, 'new', 'competence');
      expect(competence.code).toBe(2);
      expect(competence.stderr).toContain('aims new role');
      expect(treeHashes(repo.dir)).toEqual({});
    } finally {
      repo.cleanup();
    }
  });
});

describe('aims new KIND in a fresh scaffold, for every kind', () => {
  let repo: { dir: string; cleanup: () => void };
  beforeAll(async () => {
    repo = await scaffold();
  });
  afterAll(() => repo.cleanup());

  for (const kind of RECORD_KINDS) {
    it(`${kind}: written in ${KIND_LAYOUT[kind].folder}/ with a ${KIND_LAYOUT[kind].prefix}- id, a working modeline, and zero validation errors`, async () => {
      const result = await aims(repo.dir, 'new', kind);
      expect(result.code, result.stderr).toBe(0);
      const file = result.stdout.trim();
      expect(result.stdout).toBe(`${file}\n`);
      expect(path.posix.dirname(file)).toBe(KIND_LAYOUT[kind].folder);
      const text = readFileSync(path.join(repo.dir, file), 'utf8');
      expect(text).toMatch(new RegExp(`^kind: ${kind}$`, 'm'));
      expect(text).toMatch(new RegExp(`^id: ${KIND_LAYOUT[kind].prefix}-\\d{3,}$`, 'm'));
      const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
      expect(modeline, file).not.toBeNull();
      const schema = path.resolve(path.dirname(path.join(repo.dir, file)), (modeline as RegExpExecArray)[1] as string);
      expect(path.basename(schema)).toBe(`${kind}.schema.json`);
      expect(existsSync(schema), schema).toBe(true);
      expect(result.stderr).not.toContain('aims schema --write');
      const json = parseJsonOutput((await aims(repo.dir, 'validate', '--format', 'json')).stdout);
      const errors = json.diagnostics.filter((d) => d.file === file && d.severity === 'error');
      expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
    });
  }
});
