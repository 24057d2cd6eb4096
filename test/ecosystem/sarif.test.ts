import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/model/codes.js';
import { parseJsonOutput } from '../helpers/json-output.js';
import { PROJECT_ROOT } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import { aims, PROBLEM_FILES, repoWith, scaffold } from './helpers.js';

/**
 * `aims validate --format sarif`, checked against the official OASIS SARIF 2.1.0 JSON schema
 * (vendored in test/data, see test/data/README.md: no network at test time), then for the
 * things the schema cannot see: rule metadata, relative locations under %SRCROOT%, and
 * positions identical to the json format's.
 */

interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string };
  helpUri: string;
  defaultConfiguration?: { level: string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note' | 'none';
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; startColumn: number };
    };
  }[];
}
interface SarifLog {
  $schema?: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifRule[] } };
    originalUriBaseIds?: Record<string, unknown>;
    results: SarifResult[];
  }[];
}

type AddFormats = (ajv: Ajv) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats)) satisfies AddFormats;

const SCHEMA_FILE = path.join(PROJECT_ROOT, 'test', 'data', 'sarif-2.1.0.schema.json');

let validateSarif: ValidateFunction;

beforeAll(() => {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  validateSarif = ajv.compile(schema);
});

function assertValidSarif(text: string): SarifLog {
  const log: unknown = JSON.parse(text);
  const ok = validateSarif(log);
  expect(ok, JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
  return log as SarifLog;
}

describe('the vendored schema', () => {
  it('is the official SARIF 2.1.0 schema (draft-07, 2.1.0 only)', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
      $schema: string;
      $id: string;
      title: string;
      properties: { version: { enum: string[] } };
      definitions: Record<string, unknown>;
    };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toContain('sarif-schema-2.1.0');
    expect(schema.title).toContain('SARIF');
    expect(schema.properties.version.enum).toEqual(['2.1.0']);
    for (const def of ['run', 'result', 'reportingDescriptor', 'artifactLocation', 'region']) expect(schema.definitions).toHaveProperty(def);
  });

  it('rejects what it should (so a pass below means something)', () => {
    expect(validateSarif({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'r' }] }] })).toBe(false);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [] }] })).toBe(true);
  });
});

describe('aims validate --format sarif', () => {
  let repo: { dir: string; cleanup: () => void };
  let log: SarifLog;
  let sarifText: string;
  let code: number;

  beforeAll(async () => {
    repo = repoWith(PROBLEM_FILES);
    const result = await aims(repo.dir, 'validate', '--format', 'sarif');
    code = result.code;
    sarifText = result.stdout;
    log = assertValidSarif(sarifText);
  });
  afterAll(() => repo.cleanup());

  it('is valid SARIF 2.1.0 with one run by the aims driver, and exits 1 for the errors', () => {
    expect(code).toBe(1);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('aims');
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(driver.version).toBe(pkg.version);
  });

  it('describes every rule: id, short description from the rule table, help URI into the README rule reference', () => {
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id).sort()).toEqual(Object.keys(RULES).sort());
    for (const rule of rules) {
      const info = RULES[rule.id as keyof typeof RULES];
      expect(rule.shortDescription.text, rule.id).toBe(info.summary);
      expect(rule.helpUri, rule.id).toMatch(/^https:\/\/[^#]+#rule-reference$/);
      expect(rule.defaultConfiguration?.level, rule.id).toBe(info.severity === 'error' ? 'error' : 'warning');
      expect(rule.help?.text ?? rule.fullDescription?.text ?? '', rule.id).toContain(info.fix);
    }
  });

  it("points help URIs at a heading that exists in the README", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    const anchors = readme
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) =>
        l
          .replace(/^#+ /, '')
          .trim()
          .toLowerCase()
          .replace(/[^\w\- ]/g, '')
          .replace(/ /g, '-'),
      );
    const fragments = new Set(log.runs[0]!.tool.driver.rules.map((r) => new URL(r.helpUri).hash.slice(1)));
    for (const fragment of fragments) expect(anchors, fragment).toContain(fragment);
  });

  it('gives each result a rule id and index that agree, and the level of its severity', () => {
    const run = log.runs[0]!;
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]?.id, r.ruleId).toBe(r.ruleId);
      expect(Object.keys(RULES)).toContain(r.ruleId);
      expect(r.message.text.length).toBeGreaterThan(0);
    }
  });

  it('uses relative artifact URIs under the %SRCROOT% base, declared in originalUriBaseIds', () => {
    const run = log.runs[0]!;
    expect(run.originalUriBaseIds).toHaveProperty('%SRCROOT%');
    for (const r of run.results) {
      expect(r.locations).toHaveLength(1);
      const { uri, uriBaseId } = r.locations[0]!.physicalLocation.artifactLocation;
      expect(uriBaseId).toBe('%SRCROOT%');
      expect(uri, uri).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
      expect(uri, uri).not.toMatch(/^\//);
      expect(uri.split('/'), uri).not.toContain('..');
    }
    expect(sarifText).not.toContain(repo.dir);
  });

  it('puts every result exactly where the json format puts the same diagnostic', async () => {
    const json = parseJsonOutput((await aims(repo.dir, 'validate', '--format', 'json')).stdout);
    const fromSarif = log.runs[0]!.results.map((r) => {
      const loc = r.locations[0]!.physicalLocation;
      return { file: decodeURI(loc.artifactLocation.uri), line: loc.region.startLine, column: loc.region.startColumn, rule: r.ruleId, level: r.level };
    });
    const fromJson = json.diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column, rule: d.rule, level: d.severity }));
    expect(fromSarif).toEqual(fromJson);
    expect(fromJson).toContainEqual({ file: 'aims/risks/r1.yaml', line: 4, column: 1, rule: 'schema/unknown-field', level: 'error' });
    expect(fromJson).toContainEqual({ file: 'aims/risks/r1.yaml', line: 6, column: 9, rule: 'schema/enum', level: 'error' });
    expect(fromJson).toContainEqual({ file: 'aims/risks/empty.yaml', line: 1, column: 1, rule: 'file/empty', level: 'warning' });
  });
});

describe('aims validate --format sarif, other repositories', () => {
  it('is valid with no results for a clean repository (exit 0)', async () => {
    const repo = repoWith({ 'aims/risks/r.yaml': PROBLEM_FILES['aims/risks/r3.yaml'] as string });
    try {
      const result = await aims(repo.dir, 'validate', '--format', 'sarif');
      expect(result.code).toBe(0);
      const log = assertValidSarif(result.stdout);
      expect(log.runs[0]!.results).toEqual([]);
    } finally {
      repo.cleanup();
    }
  });

  it('is valid for a fresh aims init scaffold (warnings only, exit 0)', async () => {
    const repo = await scaffold();
    try {
      const result = await aims(repo.dir, 'validate', '--format', 'sarif');
      expect(result.code).toBe(0);
      const log = assertValidSarif(result.stdout);
      expect(log.runs[0]!.results.length).toBeGreaterThan(0);
      for (const r of log.runs[0]!.results) expect(r.level).toBe('warning');
    } finally {
      repo.cleanup();
    }
  });

  it('is valid for a repository-wide finding (records/none in an empty folder)', async () => {
    const repo = repoWith({});
    try {
      const result = await aims(repo.dir, 'validate', '--format', 'sarif');
      expect(result.code).toBe(1);
      const log = assertValidSarif(result.stdout);
      expect(log.runs[0]!.results.map((r) => r.ruleId)).toEqual(['records/none']);
      expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    } finally {
      repo.cleanup();
    }
  });

  it('is valid for aims.yaml errors, whose location is the config file', async () => {
    const repo = repoWith({ 'aims.yaml': 'organisation: [unclosed\n', 'aims/r.yaml': PROBLEM_FILES['aims/risks/r3.yaml'] as string });
    try {
      const result = await aims(repo.dir, 'validate', '--format', 'sarif');
      expect(result.code).toBe(1);
      const log = assertValidSarif(result.stdout);
      const uris = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
      expect(uris).toContain('aims.yaml');
    } finally {
      repo.cleanup();
    }
  });

  it('encodes file names with spaces, "#" and "%" so the URI resolves back to the file', async () => {
    const names = ['aims/risks/risk #7.yaml', 'aims/risks/100% sure.yaml', 'aims/risks/näive?.yaml'];
    const bad = yaml`
      kind: risk
      id: RISK-ID
      title: A risk
      likelihood: possible
      impact: moderate
      status: pending
    `;
    const repo = repoWith(Object.fromEntries(names.map((n, i) => [n, bad.replace('RISK-ID', `RISK-00${i + 1}`)])));
    try {
      const log = assertValidSarif((await aims(repo.dir, 'validate', '--format', 'sarif')).stdout);
      const base = 'file:///srcroot/';
      const resolved = log.runs[0]!.results.map((r) => decodeURIComponent(new URL(r.locations[0]!.physicalLocation.artifactLocation.uri, base).pathname));
      expect(resolved.sort()).toEqual(names.map((n) => `/srcroot/${n}`).sort());
    } finally {
      repo.cleanup();
    }
  });
});
