import { expect } from 'vitest';
import { RULES } from '../../src/model/codes.js';

/** `aims validate --format json`, as the issue fixes it. */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
}

export interface JsonSummary {
  files: number;
  records: number;
  errors: number;
  warnings: number;
}

export interface JsonOutput {
  diagnostics: JsonDiagnostic[];
  summary: JsonSummary;
}

export const DIAGNOSTIC_KEYS = ['file', 'line', 'column', 'severity', 'rule', 'message'] as const;
export const SUMMARY_KEYS = ['files', 'records', 'errors', 'warnings'] as const;

/** Parses stdout as the JSON format and checks the contract on the way. */
export function parseJsonOutput(stdout: string): JsonOutput {
  const output: unknown = JSON.parse(stdout);
  assertJsonShape(output);
  return output;
}

/**
 * Exactly `{ diagnostics: [{ file, line, column, severity, rule, message }], summary: { files,
 * records, errors, warnings } }`, in that key order; every file repo-relative with forward
 * slashes; positions 1-based; rules known; the summary's counts agree with the list.
 */
export function assertJsonShape(output: unknown): asserts output is JsonOutput {
  expect(output).toBeTypeOf('object');
  const top = output as Record<string, unknown>;
  expect(Object.keys(top)).toEqual(['diagnostics', 'summary']);
  expect(Array.isArray(top['diagnostics'])).toBe(true);
  const diagnostics = top['diagnostics'] as Record<string, unknown>[];
  for (const d of diagnostics) {
    expect(Object.keys(d), JSON.stringify(d)).toEqual([...DIAGNOSTIC_KEYS]);
    assertRepoRelative(d['file']);
    expect(Number.isInteger(d['line']) && (d['line'] as number) >= 1, `line of ${JSON.stringify(d)}`).toBe(true);
    expect(Number.isInteger(d['column']) && (d['column'] as number) >= 1, `column of ${JSON.stringify(d)}`).toBe(true);
    expect(['error', 'warning']).toContain(d['severity']);
    expect(Object.keys(RULES)).toContain(d['rule']);
    expect(typeof d['message'] === 'string' && d['message'].length > 0).toBe(true);
  }
  const summary = top['summary'] as Record<string, unknown>;
  expect(Object.keys(summary)).toEqual([...SUMMARY_KEYS]);
  for (const key of SUMMARY_KEYS) expect(Number.isInteger(summary[key]) && (summary[key] as number) >= 0).toBe(true);
  expect(summary['errors']).toBe(diagnostics.filter((d) => d['severity'] === 'error').length);
  expect(summary['warnings']).toBe(diagnostics.filter((d) => d['severity'] === 'warning').length);
}

/** Relative to the repository root, forward slashes, never leaving it ("." is the repository itself). */
export function assertRepoRelative(file: unknown): void {
  expect(typeof file).toBe('string');
  const text = file as string;
  expect(text, text).not.toMatch(/\\/);
  expect(text, text).not.toMatch(/^\/|^[A-Za-z]:/);
  expect(text.split('/'), text).not.toContain('..');
  expect(text.split('/'), text).not.toContain('');
  if (text !== '.') expect(text.startsWith('./'), text).toBe(false);
}
