import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, type LoadedConfig } from '../../../src/validate/load-config.js';
import { locate } from '../../../src/load/locate.js';
import { DEFAULT_CONFIG, defaultAcceptance } from '../../../src/model/config.js';
import type { Position } from '../../../src/model/diagnostic.js';
import { schemas } from '../../helpers/engine.js';
import { yaml } from '../../helpers/yaml.js';
import { PROJECT_ROOT } from '../../helpers/run.js';

function load(text: string): LoadedConfig {
  return loadConfig({ path: 'aims.yaml', text }, schemas);
}

function where(loaded: LoadedConfig): { rule: string; position: Position }[] {
  return loaded.diagnostics.map((d) => ({
    rule: d.rule,
    position: d.location.position ?? (loaded.parsed ? locate(loaded.parsed.get(), d.location) : { line: 0, column: 0 }),
  }));
}

describe('loadConfig', () => {
  it('uses the defaults when there is no aims.yaml', () => {
    const loaded = loadConfig(undefined, schemas);
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.parsed).toBeUndefined();
  });

  it('uses the defaults for an empty or comment-only aims.yaml, without complaint', () => {
    for (const text of ['', '# settings come later\n']) {
      const loaded = load(text);
      expect(loaded.config).toEqual(DEFAULT_CONFIG);
      expect(loaded.diagnostics).toEqual([]);
    }
  });

  it('reads every key of a complete aims.yaml', () => {
    const loaded = load(yaml`
      organisation: Acme Analytics Ltd
      records: ["records/**/*.yaml"]
      review_cycles:
        policy: P24M
        risk: P3M
        assessment: P1Y
        audit: P12M
        review: P6M
      risk:
        likelihood: [low, medium, high]
        impact: [minor, major]
        acceptance: 2
      nonconformity:
        severities: [critical, major, minor]
        blocking: [critical, major]
      max_file_size: 1000
      max_evidence_size: 2000
      templates: report-templates
      discover:
        paths: [../services/chat]
        signatures:
          - signatures/acme.yaml
          - { id: acme-gateway, name: Acme LLM gateway, category: hosted-ai, hosts: [llm.acme.internal] }
        include_vendored: true
      approvals:
        require_signed_commits: true
      x-team: governance
    `);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.config).toEqual({
      organisation: 'Acme Analytics Ltd',
      records: ['records/**/*.yaml'],
      reviewCycles: { policy: 'P24M', risk: 'P3M', assessment: 'P1Y', audit: 'P12M', review: 'P6M', objective: 'P6M', control: 'P12M', document: 'P12M', supplier: 'P12M', dataset: 'P12M' },
      risk: { likelihood: ['low', 'medium', 'high'], impact: ['minor', 'major'], acceptance: 2, source: { file: 'aims.yaml', line: 9 } },
      nonconformity: { severities: ['critical', 'major', 'minor'], blocking: ['critical', 'major'] },
      maxFileSize: 1000,
      maxEvidenceSize: 2000,
      templates: 'report-templates',
      discover: {
        paths: ['../services/chat'],
        signatures: [{ id: 'acme-gateway', name: 'Acme LLM gateway', category: 'hosted-ai', hosts: ['llm.acme.internal'] }],
        signatureFiles: ['signatures/acme.yaml'],
        includeVendored: true,
      },
      approvals: { requireSignedCommits: true },
    });
  });

  it('approvals.require_signed_commits must be true or false; anything else is an error at its place, and the default (false) stays', () => {
    const loaded = load('approvals:\n  require_signed_commits: yes please\n');
    expect(where(loaded).map((d) => d.rule)).toEqual(['schema/type']);
    expect(loaded.config.approvals).toEqual({ requireSignedCommits: false });
    expect(load('approvals: {}\n').config.approvals).toEqual({ requireSignedCommits: false });
  });

  it('nonconformity severities: without `blocking` the most serious grade blocks; an empty list blocks nothing', () => {
    expect(load('nonconformity:\n  severities: [critical, high, low]\n').config.nonconformity).toEqual({ severities: ['critical', 'high', 'low'], blocking: ['critical'] });
    expect(load('nonconformity:\n  severities: [critical, low]\n  blocking: []\n').config.nonconformity).toEqual({ severities: ['critical', 'low'], blocking: [] });
  });

  it('a blocking grade that is not a severity is an error at its place, and never leaves nothing blocking by a typo', () => {
    const loaded = load('nonconformity:\n  severities: [critical, minor]\n  blocking: [critcal]\n');
    expect(where(loaded)).toEqual([{ rule: 'schema/invalid', position: { line: 3, column: 14 } }]);
    expect(loaded.diagnostics[0]?.message).toContain('`critcal` is not one of the nonconformity severities (critical or minor)');
    expect(loaded.config.nonconformity).toEqual({ severities: ['critical', 'minor'], blocking: ['critical'] });
    const mixed = load('nonconformity:\n  severities: [critical, major, minor]\n  blocking: [critical, majr]\n');
    expect(mixed.config.nonconformity.blocking).toEqual(['critical']);
    expect(where(mixed)).toEqual([{ rule: 'schema/invalid', position: { line: 3, column: 24 } }]);
  });

  it('a malformed severity scale keeps the default major/minor scale', () => {
    const loaded = load('nonconformity:\n  severities: [major, major]\n');
    expect(loaded.diagnostics.length).toBeGreaterThan(0);
    expect(loaded.config.nonconformity).toEqual(DEFAULT_CONFIG.nonconformity);
  });

  it('reports a malformed inline signature at its place and keeps the default', () => {
    const loaded = load('discover:\n  signatures:\n    - { id: Bad Id, name: x, category: llm-sdk }\n');
    expect(loaded.diagnostics.map((d) => d.location.pointer)).toContain('/discover/signatures/0');
    expect(loaded.config.discover.signatures).toEqual([]);
  });

  it('fills in the defaults for keys it leaves out', () => {
    const loaded = load('risk:\n  impact: [small, big]\nreview_cycles:\n  risk: P1M\n');
    expect(loaded.diagnostics).toEqual([]);
    // No acceptance given: 6/25 of the 5 × 2 matrix's highest score (10), kept strictly inside it.
    expect(loaded.config.risk).toEqual({ likelihood: DEFAULT_CONFIG.risk.likelihood, impact: ['small', 'big'], acceptance: 2, source: { file: 'aims.yaml', line: 1 } });
    expect(loaded.config.reviewCycles).toEqual({ ...DEFAULT_CONFIG.reviewCycles, risk: 'P1M' });
    expect(loaded.config.records).toEqual(DEFAULT_CONFIG.records);
    expect(loaded.config.organisation).toBeUndefined();
  });

  it('leaves the risk criteria marked as the defaults when aims.yaml has no `risk` block', () => {
    expect(load('organisation: Acme\n').config.risk).toEqual(DEFAULT_CONFIG.risk);
    expect(DEFAULT_CONFIG.risk.source).toBeUndefined();
  });

  it('scales the default acceptance with the matrix, strictly between its lowest and highest score', () => {
    expect(defaultAcceptance(5, 5)).toBe(6);
    expect(defaultAcceptance(2, 2)).toBe(2);
    expect(defaultAcceptance(3, 3)).toBe(2);
    expect(defaultAcceptance(4, 4)).toBe(4);
    expect(load('risk:\n  likelihood: [low, high]\n  impact: [low, high]\n').config.risk.acceptance).toBe(2);
  });

  it('falls back to the default for a bad review cycle only, and reports it at its value', () => {
    const loaded = load(yaml`
      review_cycles:
        policy: P24M
        risk: 6 months
    `);
    expect(where(loaded)).toEqual([{ rule: 'schema/pattern', position: { line: 3, column: 9 } }]);
    expect(loaded.config.reviewCycles).toEqual({ ...DEFAULT_CONFIG.reviewCycles, policy: 'P24M' });
  });

  it('falls back to the default records globs when `records` is not a list', () => {
    const loaded = load('organisation: Acme\nrecords: "aims/*.yaml"\n');
    expect(where(loaded)).toEqual([{ rule: 'schema/type', position: { line: 2, column: 10 } }]);
    expect(loaded.diagnostics[0]?.message).toContain('a list');
    expect(loaded.config.records).toEqual(DEFAULT_CONFIG.records);
    expect(loaded.config.organisation).toBe('Acme');
  });

  it('falls back for one bad scale and keeps the good one', () => {
    const loaded = load(yaml`
      risk:
        likelihood: [only-one]
        impact: [low, high]
        acceptance: 1
    `);
    expect(where(loaded)).toEqual([{ rule: 'schema/invalid', position: { line: 2, column: 15 } }]);
    expect(loaded.config.risk).toEqual({ likelihood: DEFAULT_CONFIG.risk.likelihood, impact: ['low', 'high'], acceptance: 1, source: { file: 'aims.yaml', line: 1 } });
  });

  it('rejects a scale with repeated or non-text levels', () => {
    const repeated = load('risk:\n  likelihood: [low, low]\n');
    expect(repeated.diagnostics.map((d) => d.rule)).toEqual(['schema/invalid']);
    expect(repeated.config.risk.likelihood).toEqual(DEFAULT_CONFIG.risk.likelihood);
    const numbers = load('risk:\n  impact: [1, 2, 3]\n');
    expect(where(numbers)).toEqual([
      { rule: 'schema/type', position: { line: 2, column: 12 } },
      { rule: 'schema/type', position: { line: 2, column: 15 } },
      { rule: 'schema/type', position: { line: 2, column: 18 } },
    ]);
    expect(numbers.config.risk.impact).toEqual(DEFAULT_CONFIG.risk.impact);
  });

  it('falls back for a fractional acceptance and a non-positive max_file_size', () => {
    const loaded = load('risk:\n  acceptance: 2.5\nmax_file_size: 0\n');
    expect(where(loaded)).toEqual([
      { rule: 'schema/type', position: { line: 2, column: 15 } },
      { rule: 'schema/invalid', position: { line: 3, column: 16 } },
    ]);
    expect(loaded.config.risk.acceptance).toBe(6);
    expect(loaded.config.maxFileSize).toBe(DEFAULT_CONFIG.maxFileSize);
  });

  it('reports an unknown key at the key, with a did-you-mean, and ignores it', () => {
    const loaded = load('records: [a/*.yaml]\norganization: Acme\n');
    expect(where(loaded)).toEqual([{ rule: 'schema/unknown-field', position: { line: 2, column: 1 } }]);
    expect(loaded.diagnostics[0]?.message).toContain('did you mean `organisation`?');
    expect(loaded.config.organisation).toBeUndefined();
    expect(loaded.config.records).toEqual(['a/*.yaml']);
  });

  it('names aims.yaml in messages about its root', () => {
    const loaded = load('- records\n');
    expect(where(loaded)).toEqual([{ rule: 'schema/type', position: { line: 1, column: 1 } }]);
    expect(loaded.diagnostics[0]?.message).toContain('`aims.yaml`');
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
  });

  it('uses the defaults when aims.yaml has a syntax error, and reports it', () => {
    const loaded = load('records: [aims/**\nrisk:\n');
    expect(loaded.diagnostics.map((d) => d.rule)).toContain('yaml/syntax');
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(loaded.parsed).toBeDefined();
  });

  it('reports a multi-document aims.yaml at the second document and uses the first', () => {
    const loaded = load(yaml`
      records: [first/*.yaml]
      ---
      records: [second/*.yaml]
    `);
    expect(where(loaded)).toEqual([{ rule: 'yaml/syntax', position: { line: 3, column: 1 } }]);
    expect(loaded.diagnostics[0]?.location.document).toBe(1);
    expect(loaded.diagnostics[0]?.message).toContain('single YAML document');
    expect(loaded.config.records).toEqual(['first/*.yaml']);
  });

  it('does not count empty documents: a leading `---` or a trailing separator is fine', () => {
    const leading = load('---\n---\nrecords: [x/*.yaml]\n');
    expect(leading.diagnostics).toEqual([]);
    expect(leading.config.records).toEqual(['x/*.yaml']);
    const trailing = load('records: [y/*.yaml]\n---\n');
    expect(trailing.diagnostics).toEqual([]);
    expect(trailing.config.records).toEqual(['y/*.yaml']);
  });

  it('locates schema problems in the document that holds the settings', () => {
    const loaded = load('---\n---\nrecords: 7\n');
    expect(where(loaded)).toEqual([{ rule: 'schema/type', position: { line: 3, column: 10 } }]);
  });

  it('reports an unreadable aims.yaml and uses the defaults', () => {
    const loaded = loadConfig({ path: 'aims.yaml', unreadable: { rule: 'file/binary', message: 'binary' } }, schemas);
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(loaded.diagnostics).toEqual([
      { rule: 'file/binary', severity: 'error', message: 'binary', location: { file: 'aims.yaml', position: { line: 1, column: 1 } } },
    ]);
  });

  it('does not share the default objects with the config it returns', () => {
    const loaded = load('risk:\n  acceptance: 3\n');
    expect(loaded.config.risk.acceptance).toBe(3);
    expect(DEFAULT_CONFIG.risk.acceptance).toBe(6);
  });
});

describe('bounded configuration', () => {
  it('refuses scales over 10 levels, review cycles over 10 years and over 50 globs, keeping the defaults', () => {
    const levels = Array.from({ length: 11 }, (_, i) => `l${i}`);
    const loaded = load(`risk:\n  likelihood: [${levels.join(', ')}]\nreview_cycles:\n  policy: P999999999Y\n  risk: P11Y\n  audit: P10Y\nrecords: [${Array.from({ length: 51 }, (_, i) => `"a${i}/*.yaml"`).join(', ')}]\n`);
    // The 10-year limit is an error; P10Y itself passes it, with the five-year warning.
    expect(loaded.diagnostics.map((d) => d.rule).sort()).toEqual(['date/long-cycle', 'schema/invalid', 'schema/invalid', 'schema/invalid', 'schema/pattern']);
    expect(loaded.config.risk.likelihood).toEqual(DEFAULT_CONFIG.risk.likelihood);
    expect(loaded.config.reviewCycles.policy).toBe(DEFAULT_CONFIG.reviewCycles.policy);
    expect(loaded.config.reviewCycles.risk).toBe(DEFAULT_CONFIG.reviewCycles.risk);
    expect(loaded.config.reviewCycles.audit).toBe('P10Y');
    expect(loaded.config.records).toEqual(DEFAULT_CONFIG.records);
  });
});

describe('loadConfig on the fast path', () => {
  const examples = [
    ...['examples', 'test/fixtures'].flatMap((dir) =>
      readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, encoding: 'utf8' })
        .filter((rel) => path.basename(rel) === 'aims.yaml' && statSync(path.join(PROJECT_ROOT, dir, rel)).isFile())
        .map((rel) => readFileSync(path.join(PROJECT_ROOT, dir, rel), 'utf8')),
    ),
    'risk:\n  likelihood: [rare, likely]\n  impact: [low, high]\n  acceptance: 2\n',
    '# comment\n\n---\norganisation: Acme\nrisk:   # scales\n  likelihood: [a, b, c]\n  impact:\n    - x\n    - y\n',
    'organisation: "Acme: AI"\nrecords: [aims/**/*.yaml]\nreview_cycles: {policy: P12M}\n',
    "risk: {likelihood: ['1', '2'], impact: [low, high]}\n",
    'max_file_size: 1e6\n',
  ];

  it.each(examples.map((text, i) => [i, text]))('reads config %i exactly as the reference path does (config, diagnostics, where the risk scale is)', (_i, text) => {
    const file = { path: 'aims.yaml', text };
    const fast = loadConfig(file, schemas, 'fast');
    const reference = loadConfig(file, schemas, 'reference');
    expect(fast.config).toEqual(reference.config);
    expect(fast.diagnostics).toEqual(reference.diagnostics);
  });

});
