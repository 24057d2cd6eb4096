import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { checkRepository, globMatcher } from '../../api/check.js';
import { checkPlannedFile, type ImportKind, MappingError, parseYamlStream, planImport, readSpreadsheet, type RowProblem, rowProblems, stringifyStream, undecidedAfter } from '../../api/import.js';
import { InputError } from '../../model/errors.js';
import { plural } from '../../model/plural.js';
import { ExitCode } from '../exit-code.js';
import { findRoot } from '../find-root.js';
import type { Io } from '../io.js';
import { writeNewFiles } from '../write-output.js';

export interface ImportOptions {
  column?: string[];
  map?: string;
  sheet?: string;
  out?: string;
  dryRun?: boolean;
}

const DEFAULT_OUT: Readonly<Record<ImportKind, string>> = { soa: 'aims/controls/imported-soa.yaml', risks: 'aims/risks/imported-risks.yaml' };

/**
 * `aims import soa|risks FILE [ROOT]`: a spreadsheet SoA or risk register → one new YAML
 * stream of records. Never overwrites a file or a record; lists every row it could not map;
 * checks the records with the AIMS before writing and writes nothing when they would have an
 * error. Exit 1 when a row was left out or the records would have errors.
 */
export async function importCommand(kind: string, file: string, root: string | undefined, options: ImportOptions, io: Io): Promise<ExitCode> {
  if (kind !== 'soa' && kind !== 'risks') throw new InputError(`"${kind}" cannot be imported`, 'use `aims import soa FILE` or `aims import risks FILE`');
  const repo = findRoot(io.cwd, root);
  const check = await checkRepository(repo, { git: 'none' });
  const columns = { ...(options.map ? mappingFile(path.resolve(io.cwd, options.map)) : {}), ...columnFlags(options.column ?? []) };
  const rows = await readSpreadsheet(path.resolve(io.cwd, file), options.sheet);
  const existing = new Map(check.records.filter((r) => r.id !== undefined).map((r) => [r.id as string, r.kind]));
  let plan;
  try {
    plan = planImport({ kind, rows, columns, catalogue: check.catalogue, config: check.config, existing });
  } catch (error) {
    if (error instanceof MappingError) throw new InputError(error.message, 'map columns with --column FIELD=HEADER or --map FILE');
    throw error;
  }
  const out = path.posix.normalize((options.out ?? DEFAULT_OUT[kind]).split(path.sep).join('/'));
  // Written anywhere else (outside the repository, in .git, not matched by `records`), the checked records would never be read.
  if (out.startsWith('/') || out === '..' || out.startsWith('../') || out.split('/').includes('.git') || !globMatcher(check.config.records)(out)) {
    throw new InputError(`${out} is not where this AIMS keeps records (records in aims.yaml: ${check.config.records.join(', ')}); aims would never read what it imported there`, 'choose --out inside the repository, matched by `records` in aims.yaml');
  }
  const header = `# Imported by aims import ${kind} from ${path.basename(file)}. Review each record before relying on it.\n`;
  const text = stringifyStream(plan.records, header);
  if (plan.records.length > 0 && check.snapshot.paths.has(out)) throw new InputError(`${out} already exists; aims import never overwrites`, 'choose another file with --out');
  // The records are checked with the AIMS they join before anything is written: a row that
  // would leave an error (an unknown role or control, an id clash) stops the whole import.
  const problems = plan.records.length > 0 ? rowProblems(plan, out, checkPlannedFile(check, out, text)) : [];
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.length - errors.length;
  const lines: string[] = [];
  lines.push(`columns: ${Object.entries(plan.columns).map(([f, h]) => `${f} ← "${h}"`).join(', ')}`);
  if (plan.unusedColumns.length > 0) lines.push(`not read: ${plan.unusedColumns.map((h) => `"${h}"`).join(', ')}`);
  const blocked = errors.length > 0;
  const verb = options.dryRun ? 'would write' : blocked ? 'did not write' : 'wrote';
  lines.push(`${verb} ${plural(plan.records.length, kind === 'soa' ? 'control' : 'risk')} to ${out}: ${plan.records.map((r) => r.id).join(', ')}`);
  for (const s of plan.skipped) lines.push(`row ${s.row} (${s.id}): not imported: ${s.reason}`);
  for (const n of plan.notes) lines.push(`row ${n.row} (${n.id}): ${n.reason}`);
  for (const e of errors) lines.push(problemLine(e));
  if (blocked) lines.push(`${plural(errors.length, 'error')} in the records of this sheet${options.dryRun ? '' : ': nothing was written'}; fix the rows (or the AIMS records they name) and import again`);
  if (warnings > 0) lines.push(`${plural(warnings, 'warning')} in the records of this sheet: run \`aims validate\` after importing to see them`);
  if (kind === 'soa') {
    // `aims init` leaves every SoA entry commented out: uncommented later, one would become a duplicate.
    const waiting = new Map<string, string[]>();
    for (const r of plan.records) {
      const entry = r.id === undefined ? undefined : check.commentedControls.get(r.id);
      if (entry && r.id !== undefined) waiting.set(entry.file, [...(waiting.get(entry.file) ?? []), r.id]);
    }
    for (const [where, ids] of waiting) lines.push(`${ids.join(', ')} also ${ids.length === 1 ? 'waits' : 'wait'} commented out in ${where} (as aims init wrote ${ids.length === 1 ? 'it' : 'them'}): delete ${ids.length === 1 ? 'that entry' : 'those entries'} there, so no control gets two SoA records`);
    const undecided = undecidedAfter(plan, check.catalogue, existing);
    if (undecided.length > 0) lines.push(`still undecided: ${plural(undecided.length, 'Annex A control')} (${undecided.join(', ')})`);
  }
  io.stdout(lines.join('\n') + '\n');
  const status = blocked || plan.skipped.length > 0 ? ExitCode.problems : ExitCode.ok;
  if (options.dryRun || blocked || plan.records.length === 0) return status;

  const { existing: clash } = await writeNewFiles(repo, new Map([[out, text]]), { force: false });
  if (clash.length > 0) throw new InputError(`${out} already exists; aims import never overwrites`, 'choose another file with --out');
  return status;
}

/** `row 4 (R-03), column "Owner": error: … [rule]`, or where an existing file is affected. */
function problemLine(p: RowProblem): string {
  const where = p.elsewhere ?? `row ${p.row ?? '?'}${p.id ? ` (${p.id})` : ''}${p.column ? `, column "${p.column}"` : ''}`;
  return `${where}: ${p.severity}: ${p.message} [${p.rule}]`;
}

function columnFlags(flags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at <= 0) throw new InputError(`--column takes FIELD=HEADER, not "${flag}"`);
    out[flag.slice(0, at).trim()] = flag.slice(at + 1).trim();
  }
  return out;
}

const MAX_MAPPING_BYTES = 64 * 1024;

/** A mapping file: `columns: { field: Header, … }` in YAML. */
function mappingFile(file: string): Record<string, string> {
  let text: string;
  try {
    // A FIFO would block, a huge file is no column mapping: only a small regular file is read.
    const stats = statSync(file);
    if (!stats.isFile() || stats.size > MAX_MAPPING_BYTES) throw new Error('not a small file');
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`cannot read the mapping file ${file}`, `give a YAML file of at most ${MAX_MAPPING_BYTES / 1024} KB`);
  }
  const parsed = parseYamlStream(file, text);
  const value = parsed.documents[0]?.value as { columns?: unknown } | undefined;
  const columns = value?.columns;
  if (parsed.diagnostics.length > 0 || typeof columns !== 'object' || columns === null || Array.isArray(columns)) {
    throw new InputError(`${file} is not a mapping file`, 'write `columns:` with one `field: Column header` line per field');
  }
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, String(v)]));
}
