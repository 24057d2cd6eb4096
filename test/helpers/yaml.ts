/**
 * Inline YAML for tests: strips the first line break and the indentation common to every
 * non-blank line, so a template literal can be indented with the test code.
 *
 *   yaml`
 *     kind: risk
 *     id: R-1
 *   `  →  "kind: risk\nid: R-1\n"
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  return dedent(raw);
}

export function dedent(text: string): string {
  const lines = text.replace(/^\r?\n/, '').replace(/[ \t]+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ ]*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** The same text with Windows line endings. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
