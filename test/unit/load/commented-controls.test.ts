import { describe, expect, it } from 'vitest';
import { commentedControls } from '../../../src/load/commented-controls.js';

describe('commentedControls', () => {
  it('finds the commented SoA entries `aims init` writes, first place wins', () => {
    const text = ['# Statement of Applicability', '# kind: control', '# id: A.3.2', '# title: Roles', '# ---', "#   id: 'A.3.3'   # quoted", 'kind: control', 'id: A.2.2'].join('\n');
    const found = commentedControls([
      { path: 'aims/controls/a3.yaml', text },
      { path: 'aims/controls/again.yaml', text: '# id: A.3.2\n' },
    ]);
    expect([...found]).toEqual([
      ['A.3.2', { file: 'aims/controls/a3.yaml', line: 3 }],
      ['A.3.3', { file: 'aims/controls/a3.yaml', line: 6 }],
    ]);
  });

  it('ignores uncommented ids, other ids, prose that mentions an id, and unreadable files', () => {
    const found = commentedControls([
      { path: 'a.yaml', text: 'id: A.3.2\n# id: RISK-1\n# see id: A.3.2 in the SoA\n# id: A.3\n' },
      { path: 'b.yaml', unreadable: { rule: 'file/binary', message: 'binary' } },
    ]);
    expect(found.size).toBe(0);
  });
});
