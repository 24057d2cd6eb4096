import { describe, expect, it } from 'vitest';
import { evidencePackPaths } from '../../../src/render/report/pack.js';

describe('evidencePackPaths', () => {
  it('keeps a repository path under evidence/ once, and puts any other path under evidence/', () => {
    const at = evidencePackPaths(['evidence/policy/ai.md', 'docs/model-card.pdf']);
    expect(at('evidence/policy/ai.md')).toBe('evidence/policy/ai.md');
    expect(at('docs/model-card.pdf')).toBe('evidence/docs/model-card.pdf');
  });

  it('never puts two files on one path: with both x.md and evidence/x.md cited, every file keeps its full path', () => {
    const sources = ['x.md', 'evidence/x.md', 'evidence/y.md'];
    const at = evidencePackPaths(sources);
    const paths = sources.map(at);
    expect(new Set(paths).size).toBe(sources.length);
    expect(paths).toEqual(['evidence/x.md', 'evidence/evidence/x.md', 'evidence/evidence/y.md']);
  });
});
