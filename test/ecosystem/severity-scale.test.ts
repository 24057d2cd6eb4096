import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo } from '../helpers/git-repo.js';
import { parseJsonOutput } from '../helpers/json-output.js';
import { yaml } from '../helpers/yaml.js';
import { aims, TODAY } from './helpers.js';

/**
 * A custom nonconformity severity scale in aims.yaml, end to end in a git repository: the
 * blocking grades decide what stops certification, an off-scale grade (on a nonconformity or
 * an audit finding) is an error at its file:line with the next step, in text and JSON.
 */

const AIMS_YAML = yaml`
  organisation: Scale Test Ltd
  nonconformity:
    severities: [critical, major, minor]
    blocking: [critical, major]
`;

/** An open nonconformity of this grade whose corrective action is past due. */
function overdue(id: string, severity: string): string {
  return yaml`
    kind: nonconformity
    id: ${id}
    title: Nonconformity ${id}
    raised: 2026-06-01
    source: Monitoring review
    description: Drift alerts went to an unread mailbox.
    severity: ${severity}
    status: open
    corrective_actions:
      - action: Route alerts to the on-call rota
        owner: Dana Smith
        due: 2026-09-01
        status: open
  `;
}

const AUDIT = yaml`
  kind: audit
  id: AUD-2026
  title: Internal audit 2026
  date: 2026-05-01
  status: done
  auditor: Erin Walsh
  independent: true
  findings:
    - id: F1
      type: critical
      description: No drift monitoring on the credit model.
      nonconformity: NC-CRIT
    - id: F2
      type: observation
      description: Training records are kept in two places.
`;

const AUDIT_WITH_TYPO = AUDIT + ['  - id: F3', '    type: severe', '    description: Graded off the scale.', ''].join('\n');

interface GapJson {
  blockers: { id: string; record?: string; message: string }[];
}

describe('a custom nonconformity severity scale', () => {
  let repo: { dir: string; cleanup: () => void };
  beforeAll(() => {
    repo = makeGitRepo({
      commits: [
        {
          message: 'records',
          files: {
            'aims.yaml': AIMS_YAML,
            'aims/nonconformities.yaml': [overdue('NC-CRIT', 'critical'), overdue('NC-MINOR', 'minor')].join('---\n'),
            'aims/audit.yaml': AUDIT,
          },
        },
      ],
    });
  });
  afterAll(() => repo.cleanup());

  it('an open critical nonconformity with an overdue action blocks readiness, a minor one does not (JSON and text)', async () => {
    // critical and observation are valid on this scale.
    const validation = parseJsonOutput((await aims(repo.dir, 'validate', '--format', 'json')).stdout);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const json = await aims(repo.dir, 'gap', '--format', 'json', '--as-of', TODAY);
    const report = JSON.parse(json.stdout) as GapJson;
    const ncBlockers = report.blockers.filter((b) => b.id === '10.2');
    expect(ncBlockers.map((b) => b.record)).toEqual(['NC-CRIT']);
    expect(ncBlockers[0]?.message).toMatch(/is a critical nonconformity, still open/);
    const text = await aims(repo.dir, 'gap', '--as-of', TODAY);
    expect(text.stdout).toMatch(/10\.2 +aims\/nonconformities\.yaml:1 +nonconformity NC-CRIT is a critical nonconformity, still open/);
    expect(text.stdout).not.toMatch(/NC-MINOR is a minor nonconformity, still open/);
  });

  it('an off-scale grade is an error at file:line with the next step, on a nonconformity and on an audit finding (text and JSON)', async () => {
    const withTypo = makeGitRepo({
      commits: [{ message: 'records', files: { 'aims.yaml': AIMS_YAML, 'aims/nonconformities.yaml': [overdue('NC-TYPO', 'severe'), overdue('NC-CRIT', 'critical')].join('---\n'), 'aims/audit.yaml': AUDIT_WITH_TYPO } }],
    });
    try {
      const text = await aims(withTypo.dir, 'validate');
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/aims\/nonconformities\.yaml\n(?:.*\n)*? +7:11 +error +`severity` is `severe`, which is not one of the nonconformity severities: use critical, major or minor — or, if your organisation grades so, add the grade to `nonconformity\.severities` in aims\.yaml +nonconformity\/off-scale/);
      expect(text.stdout).toMatch(/ +17:11 +error +finding `type` is `severe`, which is neither a nonconformity severity \(critical, major or minor\) nor observation or opportunity — use a grade from `nonconformity\.severities` in aims\.yaml for a nonconformity, `observation` or `opportunity` otherwise +audit\/finding-off-scale/);
      const json = parseJsonOutput((await aims(withTypo.dir, 'validate', '--format', 'json')).stdout);
      const errors = json.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.file, d.line, d.rule]);
      expect(errors).toEqual([
        ['aims/audit.yaml', 17, 'audit/finding-off-scale'],
        ['aims/nonconformities.yaml', 7, 'nonconformity/off-scale'],
      ]);
      expect(json.diagnostics.find((d) => d.rule === 'nonconformity/off-scale')?.message).toMatch(/use critical, major or minor/);
    } finally {
      withTypo.cleanup();
    }
  });

  it('the same nonconformity on the default scale: critical is off the scale, an error that fails aims gap too (never a silent pass)', async () => {
    const defaults = makeGitRepo({ commits: [{ message: 'records', files: { 'aims.yaml': 'organisation: Scale Test Ltd\n', 'aims/nonconformities.yaml': overdue('NC-CRIT', 'critical') } }] });
    try {
      const json = parseJsonOutput((await aims(defaults.dir, 'validate', '--format', 'json')).stdout);
      expect(json.diagnostics.map((d) => d.rule)).toContain('nonconformity/off-scale');
      const gap = await aims(defaults.dir, 'gap', '--as-of', TODAY);
      expect(gap.code).toBe(1);
      expect(gap.stderr).toMatch(/validation error/);
    } finally {
      defaults.cleanup();
    }
  });
});
