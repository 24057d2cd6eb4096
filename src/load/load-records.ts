import { shortValue } from '../model/escape.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { isRecordKind, type Origin, RECORD_KINDS, type RecordKind } from '../model/record.js';
import type { RecordFile } from '../model/snapshot.js';
import { closest } from '../model/suggest.js';
import { isPlainObject, normaliseClauseIds } from './normalise.js';
import { type ParsedFile, parseYamlStream, positionOf } from './parse-yaml.js';

/** A document that declares a known kind: a record, whether or not its fields are valid. */
export interface LoadedDocument {
  kind: RecordKind;
  data: Record<string, unknown>;
  origin: Origin;
  /** The YAML had syntax errors: the data is partial, so schema errors are not reported (invalid values are still pruned). */
  broken: boolean;
}

export interface LoadedFile {
  path: string;
  parsed?: ParsedFile;
  documents: LoadedDocument[];
  diagnostics: Diagnostic[];
}

/** One record file → its records (a YAML stream may hold many) and the problems found on the way. */
export function loadRecordFile(file: RecordFile): LoadedFile {
  if ('unreadable' in file) {
    const { rule, message, line, column } = file.unreadable;
    return {
      path: file.path,
      documents: [],
      diagnostics: [{ rule, severity: 'error', message, location: { file: file.path, position: { line: line ?? 1, column: column ?? 1 } } }],
    };
  }
  const parsed = parseYamlStream(file.path, file.text);
  const diagnostics = [...parsed.diagnostics];
  const documents: LoadedDocument[] = [];
  let nonEmpty = 0;
  for (const doc of parsed.documents) {
    if (doc.empty) continue;
    nonEmpty++;
    const value = doc.value;
    if (value === undefined) continue; // already reported (alias bomb, too deep)
    const where = { file: file.path, document: doc.index };
    if (!isPlainObject(value)) {
      if (!doc.broken) {
        diagnostics.push({
          rule: 'record/not-a-record',
          severity: 'error',
          message: 'not an AIMS record: a record is a mapping of fields starting with `kind:`',
          location: { ...where, pointer: '' },
        });
      }
      continue;
    }
    const kind = value['kind'];
    if (kind === undefined || kind === null) {
      diagnostics.push({
        rule: 'record/not-a-record',
        severity: 'error',
        message: 'not an AIMS record: it has no `kind` field',
        location: { ...where, pointer: '', target: 'key' },
        hint: `add \`kind:\` with one of ${RECORD_KINDS.join(', ')}`,
      });
      continue;
    }
    if (!isRecordKind(kind)) {
      const guess = typeof kind === 'string' ? closest(kind, RECORD_KINDS) : undefined;
      diagnostics.push({
        rule: 'record/unknown-kind',
        severity: 'error',
        message: `\`kind\` is \`${shortValue(typeof kind === 'string' ? kind : asWritten(kind))}\`, which is not a record kind` + (guess ? ` (did you mean \`${guess}\`?)` : ''),
        location: { ...where, pointer: '/kind' },
        hint: `use one of ${RECORD_KINDS.join(', ')}`,
      });
      continue;
    }
    normaliseClauseIds(doc.ast, value);
    documents.push({ kind, data: value, origin: { ...where, line: recordLine(parsed, doc.ast.contents) }, broken: doc.broken });
  }
  // A file refused as a whole (too complex, too deep) already has its error; it is not also "empty".
  if (nonEmpty === 0 && !parsed.diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({
      rule: 'file/empty',
      severity: 'warning',
      message: 'this file holds no record yet',
      location: { file: file.path, position: { line: 1, column: 1 } },
    });
  }
  return { path: file.path, parsed, documents, diagnostics };
}

/** The line a record starts on, for reports that point at a record rather than a field. */
function recordLine(parsed: ParsedFile, contents: unknown): number {
  const range = (contents as { range?: [number, number, number] } | null)?.range;
  return range ? positionOf(parsed, range[0]).line : 1;
}

/** A value as JSON, for messages; a circular value (an alias inside its own anchor) as `[…]` / `{…}`. */
function asWritten(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? '[…]' : '{…}';
  }
}
