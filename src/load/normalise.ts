import { sourceText, type YamlDocument } from './parse-yaml.js';

/**
 * Source-aware fixes to parsed data. Users write clause ids unquoted (`clauses: [9.1]`), which
 * YAML reads as a number; the contract says that means clause "9.1". The id is taken from the
 * source text, not the number, so `9.10` stays "9.10" instead of silently becoming "9.1".
 */
export function normaliseClauseIds(ast: YamlDocument, value: Record<string, unknown>): void {
  const fixList = (key: string, list: unknown, prefix: (string | number)[]): void => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (typeof item === 'number') list[i] = sourceText(ast, [...prefix, key, i]) ?? String(item);
    });
  };
  const fixField = (holder: Record<string, unknown>, key: string, prefix: (string | number)[]): void => {
    const item = holder[key];
    if (typeof item === 'number') holder[key] = sourceText(ast, [...prefix, key]) ?? String(item);
  };

  fixList('clauses', value['clauses'], []);
  if (value['kind'] === 'audit') {
    fixList('scope', value['scope'], []);
    const findings = value['findings'];
    if (Array.isArray(findings)) {
      findings.forEach((finding: unknown, i) => {
        if (isPlainObject(finding)) fixField(finding, 'ref', ['findings', i]);
      });
    }
  }
  if (value['kind'] === 'nonconformity') fixField(value, 'ref', []);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
