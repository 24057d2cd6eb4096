import { shortValue } from '../model/escape.js';
import type { Diagnostic, Location } from '../model/diagnostic.js';
import { closest, listWords } from '../model/suggest.js';
import { parsePointer } from '../load/pointer.js';
import { yamlScalar } from '../load/parse-yaml.js';
import type { SchemaIssue } from './schema-registry.js';

/** What a schema issue is about, for messages: "`treatment.due`", or the kind at the root. */
function fieldName(pointer: string, subject: string): string {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return subject;
  return '`' + segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : (i === 0 ? '' : '.') + s)).join('') + '`';
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
  null: 'empty',
};

/** Patterns the schemas use, in words; a raw regular expression means nothing to a compliance lead. */
const PATTERN_WORDS: Readonly<Record<string, string>> = {
  '^[A-Za-z0-9][A-Za-z0-9._-]*$': 'an id: letters, digits, dots, dashes and underscores, starting with a letter or digit (no spaces)',
  '^P(?!$)(\\d{1,2}Y)?(\\d{1,3}M)?(\\d{1,3}W)?(\\d{1,4}D)?$': 'an ISO 8601 duration such as P6M, P1Y or P90D (at most 10 years)',
};

const PATTERN_EXAMPLES: Readonly<Record<string, string>> = {
  '^[A-Za-z0-9][A-Za-z0-9._-]*$': 'RISK-001',
  '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$': 'P6M',
};

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  date: 'a real calendar date written YYYY-MM-DD',
  uri: 'a URL',
};

/** The offending value as the message echoes it: short, on one line. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return 'it is empty';
  if (Array.isArray(value)) return 'it is a list';
  if (typeof value === 'object') return 'it is a mapping of fields';
  // A scalar here (string, number or boolean): JSON shows numbers and booleans as themselves.
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(/\s+/g, ' ');
  const cut = text.length > 40 ? `${text.slice(0, 39)}…` : text;
  return `it is ${typeof value === 'string' ? 'text ' : typeof value === 'number' ? 'the number ' : ''}\`${cut}\``;
}

/** A value of the expected shape, for a one-line example. */
function exampleOf(issue: SchemaIssue, type: string): string | undefined {
  if (issue.format === 'date') return '2026-03-31';
  if (issue.example !== undefined && (typeof issue.example === 'string' || typeof issue.example === 'number' || typeof issue.example === 'boolean')) return yamlScalar(issue.example);
  const byType: Readonly<Record<string, string>> = {
    string: 'some text',
    number: '5',
    integer: '5',
    boolean: 'true',
    array: '[first, second]',
    object: '{ field: value }',
  };
  return byType[type];
}

/** "for example: `due: 2026-03-31`", using the field's own name where it has one. */
function forExample(pointer: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const last = parsePointer(pointer).at(-1);
  const key = last === undefined || /^\d+$/.test(last) ? '- ' : `${last}: `;
  return `for example \`${key}${value}\``;
}

/**
 * ajv issues → diagnostics with structural locations. One diagnostic per problem: the branch
 * failures under an anyOf are folded into it.
 */
export function schemaDiagnostics(
  issues: readonly SchemaIssue[],
  where: { file: string; document: number },
  subject: string,
): Diagnostic[] {
  const anyOfPaths = new Set(issues.filter((i) => i.keyword === 'anyOf').map((i) => i.instancePath));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    if (issue.keyword !== 'anyOf' && anyOfPaths.has(issue.instancePath)) continue;
    // "must match the else schema" only wraps the failure inside it, which is reported itself.
    if (issue.keyword === 'if') continue;
    // A value of the right type that breaks that branch's constraint (`target: ""`): report the
    // constraint, not "must be text or a number".
    const branch = issue.keyword === 'anyOf' ? issues.find((i) => i.instancePath === issue.instancePath && i.keyword !== 'type' && i.keyword !== 'anyOf') : undefined;
    const d = toDiagnostic(branch ?? issue, where, subject);
    // `likelyhood:` both lacks `likelihood` and is unknown: one problem, reported once, as the typo.
    if (d.rule === 'schema/required' && misspeltElsewhere(issues, issue)) continue;
    const key = `${d.rule}|${d.location.pointer}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function misspeltElsewhere(issues: readonly SchemaIssue[], required: SchemaIssue): boolean {
  const missing = String(required.params['missingProperty']);
  return issues.some(
    (i) =>
      i.keyword === 'additionalProperties' &&
      i.instancePath === required.instancePath &&
      closest(String(i.params['additionalProperty']), i.allowedProperties ?? []) === missing,
  );
}

function toDiagnostic(issue: SchemaIssue, where: { file: string; document: number }, subject: string): Diagnostic {
  // Only file and document: a record's Origin (which has a `line` too) may be passed as `where`.
  const at = (pointer: string, target: 'key' | 'value'): Location => ({ file: where.file, document: where.document, pointer, target });
  const field = fieldName(issue.instancePath, subject);
  const p = issue.params;
  switch (issue.keyword) {
    case 'required': {
      const missing = String(p['missingProperty']);
      return {
        rule: 'schema/required',
        severity: 'error',
        message: `${field} needs \`${missing}\``,
        location: at(issue.instancePath, 'key'),
        hint: `add a \`${missing}:\` field`,
      };
    }
    case 'additionalProperties': {
      const name = String(p['additionalProperty']);
      const guess = closest(name, issue.allowedProperties ?? []);
      return {
        rule: 'schema/unknown-field',
        severity: 'error',
        message: `unknown field \`${shortValue(name)}\`` + (guess ? ` (did you mean \`${guess}\`?)` : ''),
        location: at(`${issue.instancePath}/${escapeSegment(name)}`, 'key'),
        hint: guess ? `rename it to \`${guess}\`` : 'remove it, or prefix it with `x-` to keep it as an extension field',
      };
    }
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map(String);
      const guess = typeof issue.data === 'string' ? closest(issue.data, allowed) : undefined;
      return {
        rule: 'schema/enum',
        severity: 'error',
        message: `${field} must be one of ${listWords(allowed)}, but ${shown(issue.data)}` + (guess ? ` (did you mean \`${guess}\`?)` : ''),
        location: at(issue.instancePath, 'value'),
        hint: forExample(issue.instancePath, yamlScalar(guess ?? allowed[0] ?? '')) as string,
      };
    }
    case 'const':
      return {
        rule: 'schema/const',
        severity: 'error',
        message: `${field} must be ${JSON.stringify(p['allowedValue'])}`,
        location: at(issue.instancePath, 'value'),
      };
    case 'type': {
      const types = String(p['type']).split(',');
      if (issue.format === 'date') return dateDiagnostic(field, issue, at(issue.instancePath, 'value'));
      const example = forExample(issue.instancePath, exampleOf(issue, types[0] ?? 'string'));
      return {
        rule: 'schema/type',
        severity: 'error',
        message: `${field} must be ${listWords(types.map((t) => TYPE_WORDS[t] ?? t))}, but ${shown(issue.data)}`,
        location: at(issue.instancePath, 'value'),
        ...(example ? { hint: example } : {}),
      };
    }
    case 'anyOf':
      return {
        rule: 'schema/type',
        severity: 'error',
        message: `${field} must be ${listWords((issue.anyOfTypes ?? []).map((t) => TYPE_WORDS[t] ?? t))}`,
        location: at(issue.instancePath, 'value'),
      };
    case 'format': {
      const format = String(p['format']);
      if (format === 'date') return dateDiagnostic(field, issue, at(issue.instancePath, 'value'));
      return {
        rule: 'schema/format',
        severity: 'error',
        message: `${field} must be ${FORMAT_WORDS[format] ?? `in ${format} format`}, but ${shown(issue.data)}`,
        location: at(issue.instancePath, 'value'),
      };
    }
    case 'pattern': {
      const pattern = String(p['pattern']);
      const example = PATTERN_EXAMPLES[pattern];
      return {
        rule: 'schema/pattern',
        severity: 'error',
        message: `${field} must be ${PATTERN_WORDS[pattern] ?? `text matching the pattern ${pattern}`}, but ${shown(issue.data)}`,
        location: at(issue.instancePath, 'value'),
        ...(example ? { hint: forExample(issue.instancePath, example) as string } : {}),
      };
    }
    case 'minLength':
      return {
        rule: 'schema/empty',
        severity: 'error',
        message: `${field} must not be empty`,
        location: at(issue.instancePath, 'value'),
      };
    default:
      return {
        rule: 'schema/invalid',
        severity: 'error',
        message: `${field} ${issue.message}`,
        location: at(issue.instancePath, 'value'),
      };
  }
}

/** A date of the wrong type (`updated: 20261201`, a number) or not a real day: one message, how to write one. */
function dateDiagnostic(field: string, issue: SchemaIssue, location: Location): Diagnostic {
  return {
    rule: issue.keyword === 'format' ? 'schema/format' : 'schema/type',
    severity: 'error',
    message: `${field} must be ${FORMAT_WORDS['date'] ?? 'a date'}, but ${shown(issue.data)}`,
    location,
    hint: `write a date as YYYY-MM-DD, ${forExample(issue.instancePath, '2026-03-31') ?? ''}`,
  };
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
