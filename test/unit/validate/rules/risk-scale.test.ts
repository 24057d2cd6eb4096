import { describe, expect, it } from 'vitest';
import { type AimsConfig, DEFAULT_CONFIG } from '../../../../src/model/config.js';
import { aRecord, check, found, withRule } from '../../../helpers/engine.js';

const THREE_LEVELS: AimsConfig = { ...DEFAULT_CONFIG, risk: { likelihood: ['low', 'medium', 'high'], impact: ['small', 'large'], acceptance: 2 } };

describe('riskScale', () => {
  it('accepts levels of the default scales', () => {
    expect(check({ 'aims/r.yaml': aRecord('risk', 'R-1', 'likelihood: almost-certain\nimpact: severe\nresidual:\n  likelihood: rare\n  impact: negligible') }).diagnostics).toEqual([]);
  });

  it('reports a level that is not on the scale at its value, listing the scale and a suggestion', () => {
    const out = withRule(check({ 'aims/r.yaml': aRecord('risk', 'R-1', 'likelihood: likley') }).diagnostics, 'risk/off-scale');
    expect(found(out)).toEqual([{ rule: 'risk/off-scale', file: 'aims/r.yaml', line: 4, column: 13 }]);
    expect(out[0]?.message).toContain('rare, unlikely, possible, likely or almost-certain');
    expect(out[0]?.message).toContain('did you mean `likely`?');
  });

  it('checks residual likelihood and impact against their own scales', () => {
    const out = withRule(check({ 'aims/r.yaml': aRecord('risk', 'R-1', 'residual:\n  likelihood: minor\n  impact: rare') }).diagnostics, 'risk/off-scale');
    expect(found(out)).toEqual([
      { rule: 'risk/off-scale', file: 'aims/r.yaml', line: 5, column: 15 },
      { rule: 'risk/off-scale', file: 'aims/r.yaml', line: 6, column: 11 },
    ]);
    expect(out[0]?.message).toContain('`residual.likelihood` is `minor`, which is not on the likelihood scale');
  });

  it('uses a custom scale from the config', () => {
    const ok = check({ 'aims/r.yaml': aRecord('risk', 'R-1', 'likelihood: medium\nimpact: large') }, { config: THREE_LEVELS });
    expect(ok.diagnostics).toEqual([]);
    const out = withRule(check({ 'aims/r.yaml': aRecord('risk', 'R-1', 'likelihood: likely\nimpact: large') }, { config: THREE_LEVELS }).diagnostics, 'risk/off-scale');
    expect(found(out)).toEqual([{ rule: 'risk/off-scale', file: 'aims/r.yaml', line: 4, column: 13 }]);
    expect(out[0]?.message).toContain('use low, medium or high');
  });

  it('is case-sensitive, and suggests the right case', () => {
    const out = withRule(check({ 'aims/r.yaml': aRecord('risk', 'R-1', 'impact: Minor') }).diagnostics, 'risk/off-scale');
    expect(out[0]?.message).toContain('did you mean `minor`?');
  });

  it('leaves non-text levels to the schema', () => {
    const result = check({ 'aims/r.yaml': aRecord('risk', 'R-1', 'likelihood: 3') });
    expect(withRule(result.diagnostics, 'risk/off-scale')).toEqual([]);
    expect(found(result.diagnostics)).toEqual([{ rule: 'schema/type', file: 'aims/r.yaml', line: 4, column: 13 }]);
  });
});

describe('severityScale', () => {
  it('accepts the default major and minor, and reports another grade at its value with a suggestion', () => {
    expect(withRule(check({ 'aims/n.yaml': aRecord('nonconformity', 'NC-1', 'severity: minor') }).diagnostics, 'nonconformity/off-scale')).toEqual([]);
    const out = withRule(check({ 'aims/n.yaml': aRecord('nonconformity', 'NC-1', 'severity: majr') }).diagnostics, 'nonconformity/off-scale');
    expect(found(out)).toEqual([{ rule: 'nonconformity/off-scale', file: 'aims/n.yaml', line: 4, column: 11 }]);
    expect(out[0]?.message).toContain('use major or minor (did you mean `major`?)');
  });

  it('follows the scale configured in aims.yaml: its grades pass, the default ones it lacks do not', () => {
    const config: AimsConfig = { ...DEFAULT_CONFIG, nonconformity: { severities: ['critical', 'low'], blocking: ['critical'] } };
    expect(withRule(check({ 'aims/n.yaml': aRecord('nonconformity', 'NC-1', 'severity: critical') }, { config }).diagnostics, 'nonconformity/off-scale')).toEqual([]);
    const out = withRule(check({ 'aims/n.yaml': aRecord('nonconformity', 'NC-1', 'severity: major') }, { config }).diagnostics, 'nonconformity/off-scale');
    expect(found(out)).toHaveLength(1);
  });
});

describe('audit finding types', () => {
  const audit = (types: string[]): string =>
    aRecord('audit', 'AUD-1', ['date: 2026-03-01', 'status: done', 'findings:', ...types.flatMap((t, i) => [`  - id: F${i + 1}`, `    type: ${t}`, '    description: Something found'])].join('\n'));

  it('accepts the default grades, observation and opportunity: records valid before the scale stay valid', () => {
    expect(withRule(check({ 'aims/a.yaml': audit(['major', 'minor', 'observation', 'opportunity']) }).diagnostics, 'audit/finding-off-scale')).toEqual([]);
  });

  it('follows the configured nonconformity scale and reports another type at its value with a suggestion', () => {
    const config: AimsConfig = { ...DEFAULT_CONFIG, nonconformity: { severities: ['critical', 'major', 'minor'], blocking: ['critical', 'major'] } };
    expect(withRule(check({ 'aims/a.yaml': audit(['critical', 'minor', 'observation']) }, { config }).diagnostics, 'audit/finding-off-scale')).toEqual([]);
    const out = withRule(check({ 'aims/a.yaml': audit(['observation', 'critcal']) }, { config }).diagnostics, 'audit/finding-off-scale');
    expect(found(out)).toEqual([{ rule: 'audit/finding-off-scale', file: 'aims/a.yaml', line: 11, column: 11 }]);
    expect(out[0]?.message).toContain('neither a nonconformity severity (critical, major or minor) nor observation or opportunity (did you mean `critical`?)');
    expect(out[0]?.hint).toMatch(/nonconformity\.severities/);
    // A grade the default scale has but this one lacks.
    const old = withRule(check({ 'aims/a.yaml': audit(['major']) }, { config: { ...config, nonconformity: { severities: ['high', 'low'], blocking: ['high'] } } }).diagnostics, 'audit/finding-off-scale');
    expect(found(old)).toHaveLength(1);
  });
});
