/**
 * The one-pass scan of fast-scan.ts against the rules it implements, written here as the
 * regular expressions (and the nesting count of parse-yaml.ts) the fast route used before:
 * whatever they send to the reference path, the scan sends there too (it may send more), and
 * where both let a file through, the documents are split at the same places (and found again
 * alike from the markers alone). On real record files (every fixture and example) both decide alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentsOfScanned, MAX_FAST_FLOW, scanDocuments } from '../../../src/load/fast-scan.js';
import { nestingBeyond } from '../../../src/load/parse-yaml.js';
import { arbitraryYaml } from '../../property/arbitraries.js';
import { runs } from '../../property/harness.js';
import { PROJECT_ROOT } from '../../helpers/run.js';

const RULES: readonly RegExp[] = [
   
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/,
  /__proto__|<</,
  /(?:^|[\s[{,])[&*!]\S/m,
  /(?:^|\s)\?(?:\s|$)/m,
  /[\]}][ \t]*:/,
  /[ \t]#\S/,
  /^(?:%|\.\.\.|---[ \t]*\S| {48})/m,
];

const refusedByRules = (text: string): boolean => RULES.some((r) => r.test(text)) || nestingBeyond(text, MAX_FAST_FLOW).length > 0;

/** The documents as `yaml` numbers them, line by line (the splitter the scan replaced). */
function splitByLines(text: string): { start: number; end: number; content: boolean; contentLine: number }[] {
  const chunks: { start: number; end: number; content: boolean; contentLine: number }[] = [];
  let current = { start: 0, end: text.length, content: false, contentLine: 1 };
  let marked = false;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const body = text.slice(start, end);
    if (/^---[ \t]*$/.test(body)) {
      current.end = start;
      if (marked || current.content) chunks.push(current);
      marked = true;
      current = { start: end, end: text.length, content: false, contentLine: line };
    } else if (!current.content) {
      const trimmed = body.trimStart();
      if (trimmed !== '' && !trimmed.startsWith('#')) {
        current.content = true;
        current.contentLine = line;
      }
    }
    start = end + 1;
  }
  if (marked || current.content) chunks.push(current);
  return chunks;
}

function expectAtLeastAsStrict(text: string): void {
  const chunks = scanDocuments(text);
  if (refusedByRules(text)) expect(chunks, JSON.stringify(text)).toBeUndefined();
  else if (chunks) expect(chunks, JSON.stringify(text)).toEqual(splitByLines(text));
  // Found again from the markers alone (for locating), the same slices.
  if (chunks) expect(documentsOfScanned(text), JSON.stringify(text)).toEqual(chunks.map(({ start, end }) => ({ start, end })));
}

/** Text made of the characters the rules are about, in every order. */
const ALPHABET = ['a', 'b', ' ', ' ', '\n', '\n', '-', '-', '.', ':', '#', '&', '*', '!', '?', '[', ']', '{', '}', ',', '%', '<', '_', '\t', '\r', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u0085', 'é', '__proto__', '---', '...', '- - ', ' '.repeat(48), '"', "'"];
const trickyText = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 80 }).map((parts) => parts.join(''));

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

describe('scanDocuments', () => {
  it('refuses whatever the rules refuse, and splits the rest as yaml does (arbitrary characters)', () => {
    fc.assert(fc.property(trickyText, (text) => expectAtLeastAsStrict(text)), runs(3000));
  });

  it('the same on arbitrary YAML streams', () => {
    fc.assert(fc.property(arbitraryYaml, (text) => expectAtLeastAsStrict(text)), runs(500));
  });

  it('refuses each rule on its own', () => {
    const refused = [
      'a: "\t"\n', 'a: b\r\n', 'a: \u0085\n', 'a: \u2028\n', '\ufeffa: b\n', 'a: \u0001\n',
      '__proto__: x\n', 'a:\n  <<: *b\n',
      'a: &x b\n', 'a: *x\n', 'a: !!str 3\n', '- [a, &x b]\n', '{a: !t b}\n', '&x a: b\n', 'a: b\n- c,*d\n',
      '? a\n: b\n', 'a: ?\n', 'a: b ?\u00a0\n',
      '[a]: b\n', '{a: b} : c\n',
      'a: b #c\n', 'a: b\t#c\n',
      '%YAML 1.2\n---\na: b\n', '...\n', 'a: b\n--- c\n', '----\n', '---\t\n', `${' '.repeat(48)}a\n`,
      `a: ${'['.repeat(MAX_FAST_FLOW + 1)}\n`, `${'- '.repeat(MAX_FAST_FLOW + 1)}a\n`, `a: ${'['.repeat(MAX_FAST_FLOW)}\n- b\n`,
    ];
    for (const text of refused) {
      expect(refusedByRules(text), JSON.stringify(text)).toBe(true);
      expect(scanDocuments(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('lets plain records through, and starts nesting afresh at each document marker', () => {
    const deep = `a: ${'['.repeat(MAX_FAST_FLOW - 1)}\n`;
    const text = `# head\n${deep}---\n${deep}--- \n\n# only a comment\n---\nkind: risk # note\nnotes: a#b, c & d, e*f, why? yes!\n`;
    expect(refusedByRules(text)).toBe(false);
    expect(scanDocuments(text)).toEqual(splitByLines(text));
    expect(scanDocuments(text)?.map((c) => [c.content, c.contentLine])).toEqual([[true, 2], [true, 4], [false, 5], [true, 9]]);
  });

  it('decides as the rules do on every fixture and example file', () => {
    const files = [...yamlFiles(path.join(PROJECT_ROOT, 'test/fixtures')), ...yamlFiles(path.join(PROJECT_ROOT, 'examples'))];
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(scanDocuments(text) === undefined, file).toBe(refusedByRules(text));
      expectAtLeastAsStrict(text);
    }
  });
});
