/**
 * fast-check generators for the property tests: raw bytes that look a little like YAML, and
 * YAML-ish text built from a tree (maps, lists, scalars of every style, anchors, aliases,
 * tags, flow collections, block scalars, comments, several documents), sometimes broken on
 * purpose (a character dropped, a tab, a bad indent). Keys and scalars are drawn mostly from
 * the AIMS vocabulary, so that a good share of documents reach the schema and the rules.
 */
import fc from 'fast-check';
import { RECORD_KINDS } from '../../src/model/record.js';

// ------------------------------------------------------------------------------------- bytes

/** Byte sequences that break decoding: NUL, stray continuation bytes, overlongs, surrogates, > U+10FFFF, a BOM. */
const NASTY_BYTES: readonly number[][] = [
  [0x00],
  [0x80],
  [0xbf],
  [0xc0, 0xaf],
  [0xc3],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf0, 0x9f, 0x98],
  [0xff],
  [0xfe],
  [0xef, 0xbb, 0xbf],
  [0x0d],
  [0x09],
];

/** Arbitrary bytes, biased towards text with bytes that break UTF-8 or mark a binary file. */
export const arbitraryBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc
    .tuple(
      fc.string({ unit: 'binary', maxLength: 600 }),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NASTY_BYTES)), { maxLength: 4 }),
    )
    .map(([text, insertions]) => {
      const bytes = [...Buffer.from(text, 'utf8')];
      for (const [at, insert] of insertions) bytes.splice(bytes.length === 0 ? 0 : at % (bytes.length + 1), 0, ...insert);
      return Uint8Array.from(bytes);
    }),
  fc.string({ unit: 'binary', maxLength: 600 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
);

// ------------------------------------------------------------------------------------ YAML-ish

const KEYS = [
  'kind', 'id', 'title', 'owner', 'updated', 'evidence', 'clauses', 'systems', 'risks', 'controls', 'treatment', 'option', 'plan',
  'likelihood', 'impact', 'residual', 'status', 'applicable', 'justification', 'annex_a', 'role', 'system', 'date', 'impacts',
  'group', 'severity', 'findings', 'nonconformity', 'ref', 'source', 'x-aims-ignore', 'rule', 'reason', 'until', 'approved', 'by',
  'description', 'lifecycle', 'holders', 'name', 'statement', 'scope', 'x-note', 'a', 'b', '<<', '1', 'true', 'null', '~', '"quoted key"',
  "'single'", 'key with spaces', 'ключ', '🔑', '? complex', 'a:b', '-', '#', '',
];

const PLAIN = [
  ...RECORD_KINDS, 'Risk', 'unknown', 'R-1', 'R-2', 'SYS-1', 'ROLE-1', 'CTL-1', 'AUD-1', 'NC-1', 'A.6.2.4', 'A.99', '9.1', '4.4', '10.2',
  '2026-01-15', '2026-02-30', '2026-1-5', 'not a date', 'true', 'false', 'yes', 'no', 'on', 'null', '~', '0', '-1', '1e3', '.inf', '-.inf',
  '.nan', '0x1F', '0o17', '12:30:00', 'P12M', 'P6M', 'https://example.com/x', 'http://insecure.example', 'evidence/x.md',
  'evidence/', '../outside.md', '/etc/passwd', 'likely', 'rare', 'severe', 'minor', 'mitigate', 'accept', 'implemented', 'planned',
  'schema/enum', 'ref/unknown-id', 'yaml/syntax', 'a b c', 'trailing space ', ' leading', 'tab\there', 'ünïcödé', '😀', '',
];

export interface YNodeBase {
  anchor?: string;
  tag?: string;
}
export type YNode =
  | (YNodeBase & { t: 'scalar'; text: string })
  | (YNodeBase & { t: 'block'; header: string; lines: string[] })
  | (YNodeBase & { t: 'alias'; name: string })
  | (YNodeBase & { t: 'map'; flow: boolean; entries: [string, YNode][] })
  | (YNodeBase & { t: 'seq'; flow: boolean; items: YNode[] });

const ANCHORS = ['a', 'b', 'c', 'base', 'x1'];
const TAGS = ['!!str', '!!int', '!!float', '!!bool', '!!null', '!!map', '!!seq', '!!binary', '!!timestamp', '!!set', '!!omap', '!custom', '!<tag:x>', '!'];

const scalarText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PLAIN) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)) }, // double-quoted, escapes and all
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => `'${s.replace(/'/g, "''")}'`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) }, // raw: anything goes
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }).map(String) },
);

const decoration = fc.record(
  { anchor: fc.constantFrom(...ANCHORS), tag: fc.constantFrom(...TAGS) },
  { requiredKeys: [] },
);

function decorate<T extends YNode>(node: T, deco: YNodeBase, use: boolean): T {
  if (!use) return node;
  const out: T = { ...node };
  if (deco.anchor !== undefined) out.anchor = deco.anchor;
  if (deco.tag !== undefined) out.tag = deco.tag;
  return out;
}

const { node: yamlNode } = fc.letrec<{ node: YNode; leaf: YNode; map: YNode; seq: YNode }>((tie) => ({
  leaf: fc.oneof(
    { weight: 8, arbitrary: scalarText.map((text): YNode => ({ t: 'scalar', text })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('|', '>', '|-', '>+', '|2', '>-'), fc.array(fc.constantFrom(...PLAIN, '', '  indented more', '# not a comment'), { minLength: 1, maxLength: 4 }))
        .map(([header, lines]): YNode => ({ t: 'block', header, lines })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...ANCHORS, 'undefined').map((name): YNode => ({ t: 'alias', name })) },
  ),
  map: fc
    .tuple(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('node')), { maxLength: 5 }))
    .map(([flow, entries]): YNode => ({ t: 'map', flow, entries })),
  seq: fc.tuple(fc.boolean(), fc.array(tie('node'), { maxLength: 4 })).map(([flow, items]): YNode => ({ t: 'seq', flow, items })),
  node: fc
    .tuple(fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('map'), tie('seq')), decoration, fc.nat(9))
    .map(([n, deco, p]) => decorate(n, deco, p === 0)),
}));

function props(node: YNode): string {
  return [node.anchor !== undefined ? `&${node.anchor}` : '', node.tag ?? ''].filter(Boolean).join(' ');
}

function flow(node: YNode): string {
  const pre = props(node);
  const lead = pre ? `${pre} ` : '';
  switch (node.t) {
    case 'scalar':
      return lead + node.text;
    case 'alias':
      return `*${node.name}`;
    case 'block':
      return lead + JSON.stringify(node.lines.join('\n'));
    case 'map':
      return `${lead}{${node.entries.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
    case 'seq':
      return `${lead}[${node.items.map(flow).join(', ')}]`;
  }
}

/** Whether a node is written on the line of its key or dash (scalars, aliases, flow collections, empty ones). */
function inline(node: YNode): boolean {
  return node.t === 'scalar' || node.t === 'alias' || (node.t === 'map' && (node.flow || node.entries.length === 0)) || (node.t === 'seq' && (node.flow || node.items.length === 0));
}

/** `node` as the value after `lead` ("key:" or "-"), at `indent` for its children. */
function emitValue(lead: string, node: YNode, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  const pre = props(node);
  if (inline(node)) {
    out.push(`${lead} ${flow(node)}`);
  } else if (node.t === 'block') {
    out.push(`${lead} ${pre ? `${pre} ` : ''}${node.header}`);
    for (const l of node.lines) out.push(l === '' ? '' : `${pad}  ${l}`);
  } else {
    out.push(pre ? `${lead} ${pre}` : lead);
    emitBlock(node, indent + 2, out);
  }
}

function emitBlock(node: YNode, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (node.t === 'map' && !inline(node)) {
    for (const [k, v] of node.entries) emitValue(`${pad}${k}:`, v, indent, out);
  } else if (node.t === 'seq' && !inline(node)) {
    for (const item of node.items) emitValue(`${pad}-`, item, indent, out);
  } else {
    emitValue(pad, node, indent, out);
  }
}

/** A document: usually a mapping that starts like a record (`kind:` first), sometimes anything. */
const documentNode: fc.Arbitrary<YNode> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...RECORD_KINDS, 'unknown'), fc.constantFrom('R-1', 'SYS-1', 'ROLE-1', 'A.6.2.4', '"9.1"'), fc.array(fc.tuple(fc.constantFrom(...KEYS), yamlNode), { maxLength: 6 }))
      .map(([kind, id, rest]): YNode => ({
        t: 'map',
        flow: false,
        entries: [['kind', { t: 'scalar', text: kind }], ['id', { t: 'scalar', text: id }], ['title', { t: 'scalar', text: 'A title' }], ...rest],
      })),
  },
  { weight: 1, arbitrary: yamlNode },
);

/** Breaks that turn valid YAML into almost-valid YAML. */
const breakage = fc.oneof(
  fc.constant((s: string) => s),
  fc.nat().map((at) => (s: string) => s.slice(0, at % (s.length + 1)) + s.slice((at % (s.length + 1)) + 1)),
  fc.tuple(fc.nat(), fc.constantFrom('\t', ':', '- ', '"', "'", '[', '{', '&', '*', '!', '|', '#', '\n', '\r\n', ' ', '---\n', '%')).map(
    ([at, insert]) =>
      (s: string) =>
        s.slice(0, at % (s.length + 1)) + insert + s.slice(at % (s.length + 1)),
  ),
);

/** A stream of 1-3 documents with optional directives, markers and comments, sometimes broken. */
export const arbitraryYaml: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.tuple(documentNode, fc.constantFrom('', '# a comment', '...')), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', '%YAML 1.2\n---\n', '%YAML 1.1\n---\n', '%TAG ! tag:example.com,2026:\n---\n', '---\n', '# yaml-language-server: $schema=x\n', '\ufeff'),
    fc.array(breakage, { maxLength: 2 }),
    fc.boolean(),
  )
  .map(([docs, head, breaks, crlf]) => {
    let text =
      head +
      docs
        .map(([node, tail], i) => {
          const out: string[] = [];
          emitBlock(node, 0, out);
          return (i > 0 ? '---\n' : '') + out.join('\n') + '\n' + (tail ? `${tail}\n` : '');
        })
        .join('');
    for (const b of breaks) text = b(text);
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });
