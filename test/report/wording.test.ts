import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, tempDir } from '../helpers/git-repo.js';
import { runMain } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import { AS_OF, htmlText } from './helpers.js';

/**
 * What the pack's pages say, read as an auditor reads them: owners as the role's title and
 * holder, code as code, one source for "last changed" (and the SoA saying which), grammatical
 * counts, the auditor's independence once; and a user template mistake explained, never
 * "[object Object]".
 */

const FILES = {
  'aims/roles/lead.yaml': yaml`
    kind: role
    id: ROLE-LEAD
    title: AI governance lead
    holder: Zoë Ærø
    responsibilities: [Runs the AIMS]
  `,
  'aims/controls/a2.yaml': yaml`
    kind: control
    id: A.2.2
    title: AI policy
    owner: ROLE-LEAD
    applicable: true
    justification: We use AI in hiring.
    status: implemented
    updated: 2020-01-01
  `,
  'aims/audits/audit.yaml': yaml`
    kind: audit
    id: AUD-1
    title: Internal audit
    date: 2026-06-01
    auditor: Sam Lee (external consultant)
    independent: true
  `,
  'aims/nonconformities/nc.yaml': yaml`
    kind: nonconformity
    id: NC-1
    title: Bias check skipped
    raised: 2026-06-02
    description: The CV screening ran without its bias check.
    corrective_actions:
      - action: Add the check to the release pipeline
        owner: ROLE-LEAD
        due: 2026-07-01
  `,
};

describe('the pack, as an auditor reads it', () => {
  let repo: { dir: string; cleanup: () => void };
  let out: { dir: string; cleanup: () => void };
  const page = (file: string): string => readFileSync(path.join(out.dir, 'pack', file), 'utf8');

  beforeAll(async () => {
    repo = makeGitRepo({ commits: [{ files: FILES, date: '2026-05-10T10:00:00Z', message: 'AIMS' }] });
    out = tempDir('aims-wording-');
    const result = await runMain(['report', 'pack', repo.dir, '--out', path.join(out.dir, 'pack'), '--as-of', AS_OF], repo.dir);
    expect(result.code, result.stderr).toBe(0);
  }, 120_000);
  afterAll(() => {
    repo.cleanup();
    out.cleanup();
  });

  it('shows an owner that is a role as the role title and holder, in the SoA and for corrective actions', () => {
    expect(htmlText(page('soa.html'))).toContain('AI governance lead (Zoë Ærø)');
    expect(htmlText(page('nonconformities.html'))).toContain('AI governance lead (Zoë Ærø)');
    expect(page('soa.md')).toContain('AI governance lead (Zoë Ærø)');
  });

  it('never pairs a record’s own `updated` date with a git version and author, and the SoA says where each comes from', () => {
    const md = page('soa.md');
    // A.2.2 has `updated: 2020-01-01`: that date, and no commit beside it.
    expect(md).toMatch(/\| A\.2\.2 \|.*\| 2020-01-01 \| {2}\|/);
    expect(md).toContain("a control record's `updated` date where it has one (then no version or author beside it)");
    expect(htmlText(page('soa.html'))).toContain('otherwise the date, version and author of the last git commit');
  });

  it('says "1 nonconformity and its corrective actions", and the auditor’s independence once', () => {
    expect(htmlText(page('nonconformities.html'))).toContain('1 nonconformity and its corrective actions');
    const audits = htmlText(page('audits.html'));
    expect(audits).toContain('Sam Lee (external consultant); independent');
    expect(audits).not.toContain('(independent)');
  });

  it('the gap page names the records behind a met clause (id, file:line), and none beside a clause that is not met', () => {
    const rows = [...page('gap.html').matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [...(m[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => htmlText(c[1] ?? '')));
    const row = (id: string): string[] => rows.find((r) => r[0] === id) ?? [];
    // 9.2.1 judges AUD-1 but is partial: AUD-1 is not shown as if it made the clause met.
    const met = rows.filter((r) => r.length === 5 && r[2] === 'met');
    expect(met.length).toBeGreaterThan(0);
    for (const r of met) expect(r[3], r[0]).toMatch(/^[A-Z][\w.-]* aims\/[\w/.-]+\.yaml:\d+/);
    expect(row('9.2.1')[2]).toBe('partial');
    expect(row('9.2.1')[3]).toBe('');
  });

  it('renders the `code` in aims’ own messages as <code>, never as raw backticks', () => {
    const gap = page('gap.html');
    expect(gap).toContain('<code>');
    expect(htmlText(gap)).not.toContain('`');
  });
});

describe('a mistake in a user template', () => {
  it('is explained in words, never as [object Object]', async () => {
    const dir = tempDir('aims-wording-template-');
    try {
      for (const [file, text] of Object.entries({ ...FILES, 'templates/soa.md.hbs': '{{soa.nonsense}}\n', 'other/soa.md.hbs': '{{soa}}\n' })) {
        mkdirSync(path.dirname(path.join(dir.dir, file)), { recursive: true });
        writeFileSync(path.join(dir.dir, file), text);
      }
      const missing = await runMain(['report', 'soa', dir.dir, '--format', 'md'], dir.dir);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('`nonsense` is not a field of the data at that place (line 1');
      const whole = await runMain(['report', 'soa', dir.dir, '--format', 'md', '--templates', path.join(dir.dir, 'other')], dir.dir);
      expect(whole.code).toBe(2);
      expect(whole.stdout).toBe('');
      for (const text of [missing.stderr, whole.stderr]) expect(text).not.toContain('[object Object]');
      expect(whole.stderr).toContain('prints a whole list or mapping');
    } finally {
      dir.cleanup();
    }
  });
});
