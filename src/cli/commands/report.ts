import path from 'node:path';
import { InputError } from '../../model/errors.js';
import { sha256, MANIFEST } from '../../render/report/pack.js';
import { soaCsv, soaJson } from '../../render/report/soa-data.js';
import { zip } from '../../render/report/zip.js';
import { buildEvidencePack, prepareReport, type ReportOptions, renderTemplate } from '../../report-repository.js';
import { plural } from '../../model/plural.js';
import { ExitCode } from '../exit-code.js';
import { findRoot } from '../find-root.js';
import type { Io } from '../io.js';
import { checkFileOutput, writeFileOutput, writePack } from '../write-output.js';

export interface SoaOptions {
  format: string;
  out?: string;
  asOf?: string;
  ref?: string;
  templates?: string;
  force?: boolean;
}

export async function reportSoaCommand(root: string | undefined, options: SoaOptions, io: Io): Promise<ExitCode> {
  const prepared = await prepareReport(findRoot(io.cwd, root), reportOptions(options, io));
  const { model } = prepared;
  const page = { title: 'Statement of Applicability', file: '' };
  const data = { ...model, page, pages: [], standalone: true, linkEvidence: false };
  const text =
    options.format === 'csv'
      ? soaCsv(model)
      : options.format === 'json'
        ? soaJson(model)
        : renderTemplate(prepared, options.format === 'html' ? 'soa.html.hbs' : 'soa.md.hbs', data);
  if (options.out) {
    await writeFileOutput(path.resolve(io.cwd, options.out), text, { force: true });
    io.stderr(`aims: wrote ${options.out} (${model.soa.rows.length} controls, ${model.soa.gaps} with a gap)\n`);
  } else {
    io.stdout(text);
  }
  return ExitCode.ok;
}

export interface PackOptions {
  out?: string;
  asOf?: string;
  ref?: string;
  templates?: string;
  force?: boolean;
  zip?: boolean;
}

export async function reportPackCommand(root: string | undefined, options: PackOptions, io: Io): Promise<ExitCode> {
  if (!options.out) throw new InputError('report pack needs --out DIR', 'for example: aims report pack --out audit-pack');
  const out = path.resolve(io.cwd, options.out);
  const repo = findRoot(io.cwd, root);
  // Refuse an archive target before anything is written, so a refusal leaves nothing behind.
  if (options.zip) await checkFileOutput(`${out}.zip`, { force: options.force === true, archive: true });
  // A pack written inside the repository is output, not a change to the records.
  const inside = path.relative(repo, out);
  const ignore = inside && !inside.startsWith('..') && !path.isAbsolute(inside) ? [inside, `${inside}.zip`].map((p) => p.split(path.sep).join('/')) : [];
  const { files, prepared } = await buildEvidencePack(repo, { ...reportOptions(options, io), ignoreForDirty: ignore });
  await writePack(out, files, { force: options.force === true });
  const manifest = files.get(MANIFEST) as Uint8Array;
  const { model } = prepared;
  const lines = [
    `aims: wrote evidence pack ${options.out}: ${plural(files.size - 1, 'file')} listed in manifest.json, ${plural(countEvidence(files), 'evidence file')} among them`,
    `  as of ${model.asOf}, commit ${model.revision.label}; readiness ${model.readiness.score}/100`,
    `  manifest.json sha256 ${sha256(manifest)}`,
  ];
  if (options.zip) {
    const archive = `${out}.zip`;
    await writeFileOutput(archive, zip(files, path.basename(out)), { force: options.force === true, archive: true });
    lines.push(`  archive ${options.out}.zip`);
  }
  lines.push(`  open ${path.join(options.out, 'index.html')} in a browser; check it with: aims verify ${options.out}`);
  io.stderr(lines.join('\n') + '\n');
  return ExitCode.ok;
}

function countEvidence(files: ReadonlyMap<string, Uint8Array>): number {
  return [...files.keys()].filter((p) => p.startsWith('evidence/')).length;
}

function reportOptions(options: { asOf?: string; ref?: string; templates?: string }, io: Io): ReportOptions {
  return {
    today: io.now().toISOString().slice(0, 10),
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.ref !== undefined ? { ref: options.ref } : {}),
    ...(options.templates !== undefined ? { templates: path.resolve(io.cwd, options.templates) } : {}),
  };
}
