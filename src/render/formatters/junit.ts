import type { LocatedDiagnostic } from '../../model/diagnostic.js';
import type { Formatter } from './format-context.js';

/** JUnit XML as CI servers read it: one test case per record file, one failure per error (warnings go to system-out). */
export const junit: Formatter = ({ diagnostics, files }) => {
  const byFile = new Map<string, LocatedDiagnostic[]>();
  for (const f of files) byFile.set(f, []);
  for (const d of diagnostics) {
    const list = byFile.get(d.location.file);
    if (list) list.push(d);
    else byFile.set(d.location.file, [d]);
  }
  const names = [...byFile.keys()].sort();
  const failingCases = names.filter((n) => (byFile.get(n) ?? []).some((d) => d.severity === 'error')).length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="aims validate" tests="${names.length}" failures="${failingCases}" errors="0">`];
  lines.push(`  <testsuite name="aims validate" tests="${names.length}" failures="${failingCases}" errors="0" skipped="0">`);
  for (const name of names) {
    const list = byFile.get(name) ?? [];
    const failures = list.filter((d) => d.severity === 'error');
    const warnings = list.filter((d) => d.severity === 'warning');
    const open = `    <testcase classname="aims" name="${xml(name)}" file="${xml(name)}"`;
    if (failures.length === 0 && warnings.length === 0) {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`);
    for (const d of failures) {
      const where = `${d.location.file}:${d.location.position.line}:${d.location.position.column}`;
      lines.push(`      <failure type="${xml(d.rule)}" message="${xml(d.message)}">${xml(`${where} ${d.rule}: ${d.message}`)}</failure>`);
    }
    if (warnings.length > 0) {
      const text = warnings.map((d) => `warning ${d.location.file}:${d.location.position.line}:${d.location.position.column} ${d.rule}: ${d.message}`).join('\n');
      lines.push(`      <system-out>${xml(text)}</system-out>`);
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return lines.join('\n') + '\n';
};

/** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot carry. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- XML 1.0 allows only these characters: the rest are removed on purpose.
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
