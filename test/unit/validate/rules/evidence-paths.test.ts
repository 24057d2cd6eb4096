import { describe, expect, it } from 'vitest';
import type { PathKind } from '../../../../src/model/snapshot.js';
import { classifyEvidence } from '../../../../src/model/evidence.js';
import { aRecord, check, found, withRule } from '../../../helpers/engine.js';

const PATHS = new Map<string, PathKind>([
  ['evidence', 'dir'],
  ['evidence/policy.md', 'file'],
  ['evidence/training', 'dir'],
  ['evidence/training/2026-q1.pdf', 'file'],
  ['evidence/out.md', 'link-outside'],
  ['evidence/shared', 'link-outside'],
  ['evidence/gone.md', 'link-broken'],
  ['evidence/inside.md', 'file'],
  ['docs/a b.pdf', 'file'],
]);

const rule = (reference: string): string => {
  const target = classifyEvidence(reference, PATHS);
  return target.type === 'problem' ? target.rule : target.type;
};

describe('classifyEvidence', () => {
  it('accepts https URLs without fetching them', () => {
    expect(classifyEvidence('https://docs.northwind-ai.eu/report.pdf', PATHS)).toEqual({ type: 'url', url: 'https://docs.northwind-ai.eu/report.pdf' });
    expect(rule('HTTPS://DOCS.NORTHWIND-AI.EU/X')).toBe('url');
  });

  it('refuses placeholder and local hosts as evidence/placeholder-url', () => {
    for (const reference of [
      'https://example.com',
      'https://example.com/report.pdf',
      'https://www.example.org/x',
      'https://intranet.example.net/x',
      'HTTPS://EXAMPLE.COM/X',
      'https://localhost:8443/x',
      'https://app.localhost/x',
      'https://docs.example/x',
      'https://wiki.test/x',
      'https://127.0.0.1/x',
      'https://192.0.2.10/x',
      'https://198.51.100.7/x',
      'https://203.0.113.9/x',
      'https://[2001:db8::1]/x',
      'https://[::1]/x',
    ]) {
      expect(rule(reference), reference).toBe('evidence/placeholder-url');
    }
    // Look-alikes that are real addresses stay evidence.
    for (const reference of ['https://example.com.northwind-ai.eu/x', 'https://notexample.com/x', 'https://192.0.20.1/x']) {
      expect(rule(reference), reference).toBe('url');
    }
  });

  it('with substance facts, refuses blank files and record files', () => {
    const substance = { blank: new Set(['evidence/policy.md']), records: new Set(['aims/p.yaml']) };
    const paths = new Map([...PATHS, ['aims/p.yaml', 'file' as const]]);
    expect(classifyEvidence('evidence/policy.md', paths, substance)).toMatchObject({ type: 'problem', rule: 'evidence/empty' });
    expect(classifyEvidence('aims/p.yaml', paths, substance)).toMatchObject({ type: 'problem', rule: 'evidence/self' });
    expect(classifyEvidence('evidence/policy.md', paths)).toEqual({ type: 'file', path: 'evidence/policy.md' });
  });

  it('rejects other URL schemes as evidence/bad-url', () => {
    for (const reference of ['http://example.com/report.pdf', 'ftp://example.com/x', 'mailto:dpo@example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'https://']) {
      expect(rule(reference), reference).toBe('evidence/bad-url');
    }
  });

  it('rejects absolute paths as evidence/outside', () => {
    for (const reference of ['/etc/passwd', '\\\\server\\share\\x.pdf', 'C:\\evidence\\x.pdf', 'c:/evidence/x.pdf']) {
      expect(rule(reference), reference).toBe('evidence/outside');
    }
    const target = classifyEvidence('/etc/passwd', PATHS);
    expect(target.type === 'problem' && target.message).toContain('absolute path');
  });

  it('rejects paths that climb out of the repository with ..', () => {
    expect(rule('../secret.md')).toBe('evidence/outside');
    expect(rule('evidence/../../secret.md')).toBe('evidence/outside');
    expect(rule('..')).toBe('evidence/outside');
    const target = classifyEvidence('../x', PATHS);
    expect(target.type === 'problem' && target.message).toContain('leaves the repository');
  });

  it('normalises ., .., backslashes and doubled slashes that stay inside', () => {
    for (const reference of ['evidence/policy.md', './evidence/policy.md', 'evidence/../evidence/policy.md', 'evidence\\policy.md', 'evidence//policy.md']) {
      expect(classifyEvidence(reference, PATHS), reference).toEqual({ type: 'file', path: 'evidence/policy.md' });
    }
    expect(classifyEvidence('docs/a b.pdf', PATHS)).toEqual({ type: 'file', path: 'docs/a b.pdf' });
  });

  it('rejects a directory as evidence/not-a-file, with or without a trailing slash', () => {
    expect(rule('evidence/training')).toBe('evidence/not-a-file');
    expect(rule('evidence/training/')).toBe('evidence/not-a-file');
  });

  it('rejects a link that points outside, and a path through such a link', () => {
    expect(rule('evidence/out.md')).toBe('evidence/outside');
    expect(rule('evidence/shared/minutes.pdf')).toBe('evidence/outside');
    const target = classifyEvidence('evidence/out.md', PATHS);
    expect(target.type === 'problem' && target.message).toContain('link that points outside');
  });

  it('reports a missing file and a broken link as evidence/missing', () => {
    expect(rule('evidence/nope.md')).toBe('evidence/missing');
    expect(rule('evidence/gone.md')).toBe('evidence/missing');
    expect(rule('evidence/policy.md#page=2')).toBe('evidence/missing');
  });
});

describe('evidencePaths', () => {
  const paths = Object.fromEntries(PATHS);

  it('accepts existing files and https URLs', () => {
    const text = aRecord('policy', 'POL-1', 'evidence:\n  - evidence/policy.md\n  - https://intranet.northwind-ai.eu/policy');
    expect(check({ 'aims/p.yaml': text }, { paths }).diagnostics).toEqual([]);
  });

  it('reports each bad reference at its list item', () => {
    const text = aRecord(
      'policy',
      'POL-1',
      'evidence:\n  - evidence/policy.md\n  - http://example.com/p\n  - /etc/passwd\n  - ../../secret\n  - evidence/training\n  - evidence/out.md',
    );
    expect(found(check({ 'aims/p.yaml': text }, { paths }).diagnostics)).toEqual([
      { rule: 'evidence/bad-url', file: 'aims/p.yaml', line: 6, column: 5 },
      { rule: 'evidence/outside', file: 'aims/p.yaml', line: 7, column: 5 },
      { rule: 'evidence/outside', file: 'aims/p.yaml', line: 8, column: 5 },
      { rule: 'evidence/not-a-file', file: 'aims/p.yaml', line: 9, column: 5 },
      { rule: 'evidence/outside', file: 'aims/p.yaml', line: 10, column: 5 },
    ]);
  });

  it('suggests a sibling file with a close name for a missing file', () => {
    const result = check({ 'aims/p.yaml': aRecord('policy', 'POL-1', 'evidence: [evidence/polcy.md, evidence/training/2026-q2.pdf]') }, { paths });
    const missing = withRule(result.diagnostics, 'evidence/missing');
    expect(found(missing)).toEqual([
      { rule: 'evidence/missing', file: 'aims/p.yaml', line: 4, column: 12 },
      { rule: 'evidence/missing', file: 'aims/p.yaml', line: 4, column: 31 },
    ]);
    expect(missing[0]?.message).toContain('did you mean `evidence/policy.md`?');
    expect(missing[1]?.message).toContain('did you mean `evidence/training/2026-q1.pdf`?');
  });

  it('suggests nothing when no sibling is close, and looks only in the same folder', () => {
    const result = check({ 'aims/p.yaml': aRecord('policy', 'POL-1', 'evidence: [evidence/minutes.md, other/policy.md]') }, { paths });
    const missing = withRule(result.diagnostics, 'evidence/missing');
    expect(missing).toHaveLength(2);
    expect(missing.some((d) => d.message.includes('did you mean'))).toBe(false);
  });

  it('suggests a folder of a close name where the cited folder is missing, never a file it has not seen', () => {
    const result = check({ 'aims/p.yaml': aRecord('policy', 'POL-1', 'evidence: [evidence/trainng/2026-q1.pdf, evidence/trainng/deep/x.pdf, evidnce/policy.md]') }, { paths });
    const missing = withRule(result.diagnostics, 'evidence/missing');
    expect(missing.map((d) => d.message)).toEqual([
      '`evidence/trainng/2026-q1.pdf` does not exist (did you mean `evidence/training/`?)',
      '`evidence/trainng/deep/x.pdf` does not exist (did you mean `evidence/training/`?)',
      '`evidnce/policy.md` does not exist (did you mean `evidence/`?)',
    ]);
  });

  it('looks for a close folder at most ten folders up', () => {
    const near = `evidence/trainng/${'x/'.repeat(9)}a.pdf`;
    const far = `evidence/trainng/${'x/'.repeat(10)}a.pdf`;
    const result = check({ 'aims/p.yaml': aRecord('policy', 'POL-1', `evidence: [${near}, ${far}]`) }, { paths });
    expect(withRule(result.diagnostics, 'evidence/missing').map((d) => d.message.includes('did you mean `evidence/training/`'))).toEqual([true, false]);
  });

  it('checks competence holders\' evidence and an assessment\'s DPIA path', () => {
    const files = {
      'aims/roles.yaml': aRecord('role', 'ROLE-1'),
      'aims/sys.yaml': aRecord('system', 'SYS-1'),
      'aims/c.yaml': aRecord('competence', 'CO-1', 'holders:\n  - name: Jo\n    evidence: [evidence/cv.pdf]'),
      'aims/a.yaml': aRecord('assessment', 'AS-1', 'dpia: evidence/dpia.pdf'),
      'aims/b.yaml': aRecord('assessment', 'AS-2', 'dpia: DPIA-2026-01'),
    };
    expect(found(check(files, { paths }).diagnostics)).toEqual([
      { rule: 'evidence/missing', file: 'aims/a.yaml', line: 4, column: 7 },
      { rule: 'evidence/missing', file: 'aims/c.yaml', line: 6, column: 16 },
    ]);
  });

  it('warns when a record cites a record file (its own YAML) as evidence: evidence/self', () => {
    expect(found(check({ 'aims/p.yaml': aRecord('policy', 'POL-1', 'evidence: [aims/p.yaml]') }).diagnostics)).toEqual([
      { rule: 'evidence/self', file: 'aims/p.yaml', line: 4, column: 12 },
    ]);
  });
});
