/**
 * The import command family: a spreadsheet SoA or risk register → records. Reading the file is
 * the workspace's; mapping rows to records and writing YAML are pure.
 */
export { type ImportKind, MappingError, planImport, undecidedAfter } from '../import/plan-import.js';
export { parseYamlStream, stringifyStream } from '../load/parse-yaml.js';
export { readSpreadsheet } from '../workspace/read-spreadsheet.js';
