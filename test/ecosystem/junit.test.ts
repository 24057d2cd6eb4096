import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOutput } from '../helpers/json-output.js';
import { aims, listFiles, PROBLEM_FILES, repoWith, scaffold, SPECIAL_FIELD } from './helpers.js';

/**
 * `aims validate --format junit`, read back with a real XML parser (fast-xml-parser) the way
 * a CI server reads it: well-formed XML, one test case per record file (passing ones too),
 * one failure per error, counts that add up, and special characters escaped.
 */

interface Failure {
  '@_type': string;
  '@_message': string;
  '#text'?: string;
}
interface TestCase {
  '@_name': string;
  '@_classname': string;
  '@_file'?: string;
  failure?: Failure[];
  error?: unknown[];
  'system-out'?: string[];
}
interface TestSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors'?: string;
  testcase?: TestCase[];
}
interface JUnitDoc {
  testsuites: { '@_tests'?: string; '@_failures'?: string; testsuite: TestSuite[] };
}

function parseJUnit(text: string): JUnitDoc {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the parser's own well-formedness check is all this needs.
  const valid = XMLValidator.validate(text);
  expect(valid, JSON.stringify(valid)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'system-out'].includes(name),
  });
  const doc = parser.parse(text) as JUnitDoc;
  expect(doc.testsuites, text).toBeDefined();
  return doc;
}

function allCases(doc: JUnitDoc): TestCase[] {
  return doc.testsuites.testsuite.flatMap((s) => s.testcase ?? []);
}

describe('aims validate --format junit', () => {
  let repo: { dir: string; cleanup: () => void };
  let text: string;
  let code: number;
  let doc: JUnitDoc;

  beforeAll(async () => {
    repo = repoWith(PROBLEM_FILES);
    const result = await aims(repo.dir, 'validate', '--format', 'junit');
    code = result.code;
    text = result.stdout;
    doc = parseJUnit(text);
  });
  afterAll(() => repo.cleanup());

  it('is well-formed XML with an XML declaration, and exits 1 for the errors', () => {
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(code).toBe(1);
  });

  it('has one test case per record file, passing files included', () => {
    const cases = allCases(doc);
    const names = cases.map((c) => c['@_name']).sort();
    expect(names).toEqual(listFiles(repo.dir).filter((f) => f.startsWith('aims/')).sort());
    expect(names).toEqual(['aims/risks/empty.yaml', 'aims/risks/r1.yaml', 'aims/risks/r2.yaml', 'aims/risks/r3.yaml']);
    for (const c of cases) expect(c['@_classname'].length).toBeGreaterThan(0);
  });

  it('has one failure per error diagnostic, none for warnings, none for clean files', async () => {
    const json = parseJsonOutput((await aims(repo.dir, 'validate', '--format', 'json')).stdout);
    for (const c of allCases(doc)) {
      const errors = json.diagnostics.filter((d) => d.file === c['@_name'] && d.severity === 'error');
      expect(c.failure ?? [], c['@_name']).toHaveLength(errors.length);
      expect((c.failure ?? []).map((f) => f['@_type']), c['@_name']).toEqual(errors.map((d) => d.rule));
      expect((c.failure ?? []).map((f) => f['@_message']), c['@_name']).toEqual(errors.map((d) => d.message));
      expect(c.error ?? []).toHaveLength(0);
    }
    const byName = new Map(allCases(doc).map((c) => [c['@_name'], c]));
    expect(byName.get('aims/risks/r1.yaml')?.failure).toHaveLength(2);
    expect(byName.get('aims/risks/r2.yaml')?.failure).toHaveLength(1);
    expect(byName.get('aims/risks/r3.yaml')?.failure).toBeUndefined();
    expect(byName.get('aims/risks/empty.yaml')?.failure).toBeUndefined();
  });

  it('puts the position of each failure in its text, and warnings in system-out', () => {
    const byName = new Map(allCases(doc).map((c) => [c['@_name'], c]));
    const r1 = byName.get('aims/risks/r1.yaml')!;
    expect(r1.failure!.map((f) => f['#text'] ?? '').join('\n')).toContain('aims/risks/r1.yaml:4:1');
    expect(r1.failure!.map((f) => f['#text'] ?? '').join('\n')).toContain('aims/risks/r1.yaml:6:9');
    expect((byName.get('aims/risks/empty.yaml')!['system-out'] ?? []).join('\n')).toContain('file/empty');
  });

  it('has suite counts that add up: tests = test cases, failures = failing test cases', () => {
    let tests = 0;
    let failing = 0;
    for (const suite of doc.testsuites.testsuite) {
      const cases = suite.testcase ?? [];
      const failed = cases.filter((c) => (c.failure ?? []).length > 0).length;
      expect(Number(suite['@_tests'])).toBe(cases.length);
      expect(Number(suite['@_failures'])).toBe(failed);
      expect(Number(suite['@_errors'] ?? 0)).toBe(0);
      tests += cases.length;
      failing += failed;
    }
    expect(tests).toBe(4);
    expect(failing).toBe(2);
    if (doc.testsuites['@_tests'] !== undefined) expect(Number(doc.testsuites['@_tests'])).toBe(tests);
    if (doc.testsuites['@_failures'] !== undefined) expect(Number(doc.testsuites['@_failures'])).toBe(failing);
  });

  it('escapes XML-special characters in messages, which the parser reads back exactly', () => {
    expect(text).not.toContain(SPECIAL_FIELD);
    expect(text).toContain('&lt;');
    expect(text).toContain('&amp;');
    const r2 = allCases(doc).find((c) => c['@_name'] === 'aims/risks/r2.yaml')!;
    expect(r2.failure![0]!['@_message']).toContain(`\`${SPECIAL_FIELD}\``);
    expect(r2.failure![0]!['#text']).toContain(`\`${SPECIAL_FIELD}\``);
  });
});

describe('aims validate --format junit on a fresh scaffold', () => {
  it('has a passing test case for every record file and no failures (exit 0)', async () => {
    const repo = await scaffold();
    try {
      const result = await aims(repo.dir, 'validate', '--format', 'junit');
      expect(result.code).toBe(0);
      const doc = parseJUnit(result.stdout);
      const cases = allCases(doc);
      const recordFiles = listFiles(repo.dir).filter((f) => f.startsWith('aims/') && f.endsWith('.yaml'));
      expect(cases.map((c) => c['@_name']).sort()).toEqual(recordFiles.sort());
      for (const c of cases) expect(c.failure, c['@_name']).toBeUndefined();
    } finally {
      repo.cleanup();
    }
  });
});
