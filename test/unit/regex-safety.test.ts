/**
 * Every regular expression in src/ runs on text from the repository (values, paths, messages),
 * so each must run in linear time: recheck, a ReDoS detector, checks every regex literal and
 * every `new RegExp` built from a literal pattern. A pattern it flags fails this test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/run.js';

const SRC = path.join(PROJECT_ROOT, 'src');
const CHECK_TIMEOUT_MS = 120_000;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

function regexes(): Found[] {
  const out: Found[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const where = `${path.relative(PROJECT_ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText();
        const end = literal.lastIndexOf('/');
        out.push({ where, source: literal.slice(1, end), flags: literal.slice(end + 1) });
      } else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp' && node.arguments?.[0] && ts.isStringLiteral(node.arguments[0])) {
        const flags = node.arguments[1] && ts.isStringLiteral(node.arguments[1]) ? node.arguments[1].text : '';
        out.push({ where, source: node.arguments[0].text, flags });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

describe('regular expressions in src/', () => {
  const found = regexes();

  it('are found (the scan itself works)', () => {
    expect(found.length).toBeGreaterThan(20);
    expect(found.some((f) => f.where.startsWith('src/model/escape.ts'))).toBe(true);
    // aims discover's scanners read whole source files: they are checked like everything else.
    expect(found.filter((f) => f.where.startsWith('src/analyse/discover/')).length).toBeGreaterThan(20);
  });

  // recheck gives up after 10 s by default, which a loaded CI machine reaches on the larger
  // scanner patterns ("unknown", a false failure); a generous bound still fails a runaway check.
  it.each(found.map((f) => [`${f.where} /${f.source}/${f.flags}`, f] as const))('%s runs in linear time', (_name, f) => {
    const result = checkSync(f.source, f.flags, { timeout: CHECK_TIMEOUT_MS });
    expect(result.status, JSON.stringify(result.status === 'vulnerable' ? { complexity: result.complexity, attack: result.attack.pattern } : result)).toBe('safe');
  }, CHECK_TIMEOUT_MS + 10_000);
});
