import { shortValue } from '../model/escape.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { isRecordKind, type Origin, RECORD_KINDS, type RecordKind } from '../model/record.js';
import type { RecordFile } from '../model/snapshot.js';
import { closest, listWords } from '../model/suggest.js';
import { commentedControls } from './commented-controls.js';
import { isPlainObject, normaliseClauseIds } from './normalise.js';
import { fastParseStream } from './fast-route.js';
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
  const sources = parsed.documents.map((doc) => ({
    index: doc.index,
    value: doc.value,
    empty: doc.empty,
    broken: doc.broken,
    line: () => recordLine(parsed, doc.ast.contents),
    normalise: (value: Record<string, unknown>) => normaliseClauseIds(doc.ast, value),
  }));
  // A file refused as a whole (too complex, too deep) already has its error; it is not also "empty".
  const refused = parsed.diagnostics.some((d) => d.severity === 'error');
  return { path: file.path, parsed, ...recordsOf(file.path, file.text, sources, parsed.diagnostics, refused) };
}

/**
 * The same by the fast parser (fast-route.ts), or undefined when the file must take the
 * reference path. Its documents carry no parse tree: a caller that finds any diagnostic loads
 * the file again with loadRecordFile, so that every position comes from `yaml`.
 */
export function loadRecordFileFast(file: RecordFile): LoadedFile | undefined {
  if (!('text' in file)) return undefined;
  const documents = fastParseStream(file.text);
  if (!documents) return undefined;
  const sources = documents.map((doc) => ({ ...doc, broken: false, line: () => doc.line, normalise: () => undefined }));
  return { path: file.path, ...recordsOf(file.path, file.text, sources, [], false) };
}

interface SourceDocument {
  index: number;
  value: unknown;
  empty: boolean;
  broken: boolean;
  /** The line its contents start on. */
  line: () => number;
  normalise: (value: Record<string, unknown>) => void;
}

/** Parsed documents → records, and the problems found on the way. */
function recordsOf(path: string, text: string, sources: readonly SourceDocument[], found: readonly Diagnostic[], refused: boolean): { documents: LoadedDocument[]; diagnostics: Diagnostic[] } {
  const diagnostics = [...found];
  const documents: LoadedDocument[] = [];
  let nonEmpty = 0;
  for (const doc of sources) {
    if (doc.empty) continue;
    nonEmpty++;
    const value = doc.value;
    if (value === undefined) continue; // already reported (alias bomb, too deep)
    const where = { file: path, document: doc.index };
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
    doc.normalise(value);
    documents.push({ kind, data: value, origin: { ...where, line: doc.line() }, broken: doc.broken });
  }
  if (nonEmpty === 0 && !refused) {
    // A file of commented SoA entries (as `aims init` writes them) says what to do with them.
    const waiting = [...commentedControls([{ path, text }]).keys()];
    diagnostics.push({
      rule: 'file/empty',
      severity: 'warning',
      message: waiting.length === 0 ? 'this file holds no record yet' : `this file holds no record yet: the SoA ${waiting.length === 1 ? 'entry' : 'entries'} of ${listWords(waiting, 'and')} ${waiting.length === 1 ? 'waits' : 'wait'} commented out`,
      location: { file: path, position: { line: 1, column: 1 } },
      ...(waiting.length === 0 ? {} : { hint: 'uncomment an entry and fill in `applicable` and `justification` to decide that control' }),
    });
  }
  return { documents, diagnostics };
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
