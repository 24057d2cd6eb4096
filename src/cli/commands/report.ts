import path from 'node:path';
import { InputError } from '../../model/errors.js';
import type { PackEntry } from '../../model/pack-entry.js';
import { buildEvidencePack, discloseTemplates, MANIFEST, prepareReport, type ReportOptions, renderTemplate, reportBom, sha256, signManifest, SIGNATURE, soaCsv, soaJson } from '../../api/report.js';
import { plural } from '../../model/plural.js';
import { noteAtCommit } from '../at-commit.js';
import type { SoaFormat } from '../choices.js';
import { ExitCode, exitForValidation } from '../exit-code.js';
import { findRoot } from '../find-root.js';
import type { Io } from '../io.js';
import { writeFileOutput } from '../write-output.js';
import { checkArchiveOutput, writePack } from '../write-pack.js';

export interface SoaOptions {
  /** One of SOA_FORMATS (commander checks the choice). */
  format: SoaFormat;
  out?: string;
  asOf?: string;
  ref?: string;
  templates?: string;
  builtinTemplates?: boolean;
  force?: boolean;
}

export async function reportSoaCommand(root: string | undefined, options: SoaOptions, io: Io): Promise<ExitCode> {
  const prepared = await prepareReport(findRoot(io.cwd, root), reportOptions(options, io));
  noteAtCommit(io, prepared.report);
  const { model } = prepared;
  const page = { title: 'Statement of Applicability', file: '' };
  const data = { ...model, page, pages: [], standalone: true, linkEvidence: false };
  // Each --format and its renderer; typed so that every choice in choices.ts has one.
  const renderers: Record<SoaFormat, () => string> = {
    csv: () => soaCsv(model),
    json: () => soaJson(model),
    html: () => discloseTemplates(renderTemplate(prepared, 'soa.html.hbs', data), 'html', prepared.customTemplates),
    md: () => discloseTemplates(renderTemplate(prepared, 'soa.md.hbs', data), 'md', prepared.customTemplates),
  };
  const text = renderers[options.format]();
  if (options.out) {
    const protect = { root: prepared.report.check.root, records: prepared.report.check.config.records };
    await writeFileOutput(path.resolve(io.cwd, options.out), text, { force: options.force === true, protect, name: options.out });
    io.stderr(`aims: wrote ${options.out} (${model.soa.rows.length} controls, ${model.soa.gaps} with a gap)\n`);
  } else {
    io.stdout(text);
  }
  return exitForValidation(prepared.report.check.summary.errors, io);
}

export interface PackOptions {
  out?: string;
  asOf?: string;
  ref?: string;
  templates?: string;
  builtinTemplates?: boolean;
  force?: boolean;
  zip?: boolean;
  /** An SSH key to sign manifest.json with (manifest.json.sig). */
  sign?: string;
}

export async function reportPackCommand(root: string | undefined, options: PackOptions, io: Io): Promise<ExitCode> {
  if (!options.out) throw new InputError('report pack needs --out DIR', 'for example: aims report pack --out audit-pack');
  const out = path.resolve(io.cwd, options.out);
  const repo = findRoot(io.cwd, root);
  // Refuse an archive target before anything is written, so a refusal leaves nothing behind.
  if (options.zip) await checkArchiveOutput(`${out}.zip`, { force: options.force === true });
  // A pack written inside the repository is output, not a change to the records.
  const inside = path.relative(repo, out);
  const ignore = inside && !inside.startsWith('..') && !path.isAbsolute(inside) ? [inside, `${inside}.zip`].map((p) => p.split(path.sep).join('/')) : [];
  const { files, prepared } = await buildEvidencePack(repo, { ...reportOptions(options, io), ignoreForDirty: ignore });
  noteAtCommit(io, prepared.report);
  const manifest = files.get(MANIFEST) as Uint8Array;
  const listed = files.size - 1;
  if (options.sign !== undefined) files.set(SIGNATURE, await signManifest(manifest, path.resolve(io.cwd, options.sign)));
  await writePack(out, files, { force: options.force === true, repo, archive: options.zip === true });
  const { model } = prepared;
  const lines = [
    `aims: wrote evidence pack ${options.out}: ${plural(listed, 'file')} listed in manifest.json, ${plural(countEvidence(files), 'evidence file')} among them`,
    `  as of ${model.asOf}, commit ${model.revision.label}; readiness ${model.readiness.score}/100`,
    `  manifest.json sha256 ${sha256(manifest)} (send it to the auditor separately: aims verify --expect-sha256 checks it)`,
  ];
  if (options.sign !== undefined) lines.push(`  signed: ${SIGNATURE} (namespace aims-pack); the auditor checks it with aims verify --allowed-signers FILE`);
  if (prepared.customTemplates.length > 0) lines.push(`  rendered with ${plural(prepared.customTemplates.length, 'custom template')} (${prepared.customTemplates.map((t) => t.path).join(', ')}), disclosed on every page and in manifest.json`);
  if (options.zip) lines.push(`  archive ${options.out}.zip`);
  lines.push(`  open ${path.join(options.out, 'index.html')} in a browser; check it with: aims verify ${options.out}`);
  io.stderr(lines.join('\n') + '\n');
  return exitForValidation(prepared.report.check.summary.errors, io);
}

function countEvidence(files: ReadonlyMap<string, PackEntry>): number {
  return [...files.keys()].filter((p) => p.startsWith('evidence/')).length;
}

function reportOptions(options: { asOf?: string; ref?: string; templates?: string; builtinTemplates?: boolean }, io: Io): ReportOptions {
  return {
    ...(options.builtinTemplates ? { builtinTemplates: true } : {}),
    today: io.now().toISOString().slice(0, 10),
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.ref !== undefined ? { ref: options.ref } : {}),
    ...(options.templates !== undefined ? { templates: path.resolve(io.cwd, options.templates) } : {}),
  };
}

export interface BomOptions {
  out?: string;
  asOf?: string;
  ref?: string;
}

/** `aims report bom`: the AI system inventory as a CycloneDX 1.6 BOM. */
export async function reportBomCommand(root: string | undefined, options: BomOptions, io: Io): Promise<ExitCode> {
  const { bom, systems } = await reportBom(findRoot(io.cwd, root), {
    today: io.now().toISOString().slice(0, 10),
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.ref !== undefined ? { ref: options.ref } : {}),
  });
  if (options.out) {
    await writeFileOutput(path.resolve(io.cwd, options.out), bom, { force: true });
    io.stderr(`aims: wrote ${options.out} (CycloneDX 1.6, ${plural(systems, 'AI system')})\n`);
  } else {
    io.stdout(bom);
  }
  return ExitCode.ok;
}
