import type { Diagnostic } from '../model/diagnostic.js';
import { validate } from '../validate/validate.js';
import { tooLarge } from '../workspace/read-file.js';
import { type RepositoryCheck, loadEngine } from './check.js';

/**
 * The import command family: a spreadsheet SoA or risk register → records. Reading the file is
 * the workspace's; mapping rows to records and writing YAML are pure.
 */
export { type ImportKind, type ImportPlan, MappingError, planImport, undecidedAfter } from '../import/plan-import.js';
export { type RowProblem, rowProblems } from '../import/row-problems.js';
export { parseYamlStream, stringifyStream } from '../load/parse-yaml.js';
export { readSpreadsheet } from '../workspace/read-spreadsheet.js';

/**
 * The AIMS as it would be with `text` written at `file`, checked in memory before anything is
 * written: the diagnostics the new file would bring (those in it, and any new one elsewhere,
 * such as a duplicate id). Pre-existing problems of the AIMS are not the import's.
 */
export function checkPlannedFile(check: RepositoryCheck, file: string, text: string): Diagnostic[] {
  const { schemas } = loadEngine();
  const paths = new Map(check.snapshot.paths);
  paths.set(file, 'file');
  // Over max_file_size, validate would not read the file it wrote: that is its error here too.
  const bytes = Buffer.byteLength(text);
  const planned = bytes > check.config.maxFileSize ? { path: file, unreadable: tooLarge(bytes, check.config.maxFileSize) } : { path: file, text };
  const snapshot = { ...check.snapshot, paths, recordFiles: [...check.snapshot.recordFiles, planned] };
  const after = validate({ snapshot, config: check.config, catalogue: check.catalogue, schemas });
  const key = (d: Diagnostic): string => [d.rule, d.location.file, d.location.position?.line, d.location.position?.column, d.message].join('\u0000');
  const before = new Set(check.diagnostics.map(key));
  return after.diagnostics.filter((d) => d.location.file === file || !before.has(key(d)));
}
