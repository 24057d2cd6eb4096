import { describe, expect, it } from 'vitest';
import { judgeControlTitle } from '../../../../src/model/control-titles.js';
import { aRecord, catalogue, check, withRule } from '../../../helpers/engine.js';

const control = (id: string, title: string): string => `kind: control\nid: ${id}\ntitle: ${title}\napplicable: true\njustification: Needed.\n`;

describe('controlTitles', () => {
  it('catches an organisation-numbered SoA row and names both meanings', () => {
    const out = withRule(check({ 'aims/soa.yaml': control('A.5.2', 'Internal audit') }).diagnostics, 'control/title-mismatch');
    expect(out).toHaveLength(1);
    expect(out[0]?.location.position).toEqual({ line: 3, column: 8 });
    expect(out[0]?.message).toContain('`A.5.2` is AI system impact assessment process');
    expect(out[0]?.message).toContain('"Internal audit" matches no Annex A control');
    expect(out[0]?.message).toContain('annex_a');
  });

  it('names the Annex A control a contradicting title matches', () => {
    const out = withRule(check({ 'aims/soa.yaml': control('A.2.2', 'Quality of training data') }).diagnostics, 'control/title-mismatch');
    expect(out[0]?.message).toContain('matches `A.7.4` Quality of data for AI systems');
  });

  it('accepts titles in the organisation\'s own words for the same control', () => {
    const titles: [string, string][] = [
      ['A.6.2.8', 'Event logging'],
      ['A.6.2.4', 'Verify and validate models'],
      ['A.3.3', 'Raising concerns about AI systems'],
      ['A.5.3', 'Recording impact assessments'],
      ['A.10.3', 'Third-party oversight'],
      ['A.2.2', 'AI policy'],
    ];
    for (const [id, title] of titles) expect(judgeControlTitle(catalogue, id, title), `${id} ${title}`).toEqual({ fits: true });
    expect(withRule(check({ 'aims/soa.yaml': control('A.6.2.8', 'Event logging') }).diagnostics, 'control/title-mismatch')).toEqual([]);
  });

  it('accepts every catalogue title for its own id', () => {
    for (const e of catalogue.entries.filter((x) => x.kind === 'control')) expect(judgeControlTitle(catalogue, e.id, e.title)).toEqual({ fits: true });
  });

  it('leaves organisation controls alone', () => {
    expect(withRule(check({ 'aims/soa.yaml': aRecord('control', 'CTL-1', 'applicable: true\njustification: x') }).diagnostics, 'control/title-mismatch')).toEqual([]);
  });
});
