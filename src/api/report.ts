import path from 'node:path';
import { TEMPLATES_DIR } from '../assets.js';
import { asOfProblem } from '../analyse/dates.js';
import { analyseRepository, type GapReport } from './analyse.js';
import { checkRepository, loadEngine, type RepositoryCheck } from './check.js';
import { InputError } from '../model/errors.js';
import type { TemplateSource } from '../model/template.js';
import { gapMarkdown } from '../render/gap/gap-markdown.js';
import { collectEvidence } from '../render/report/collect-evidence.js';
import { buildPack, sha256 } from '../render/report/pack.js';
import { buildReportModel, type ReportModel } from '../render/report/report-model.js';
import type { CustomTemplate } from '../render/report/disclose-templates.js';
import { BudgetError, createRenderer, DEFAULT_BUDGET, type Renderer, TemplateError } from '../render/report/render-report.js';
import { measureEvidenceBlobs, measureEvidenceFiles } from '../workspace/read-evidence.js';
import type { PackEntry } from '../model/pack-entry.js';
import { evidenceBlobsAtRef } from '../workspace/read-snapshot-at-ref.js';
import { builtInLayer, explicitLayer, readTemplates, repositoryLayer, type TemplateLayer } from '../workspace/read-templates.js';
import { signData } from '../workspace/ssh-signature.js';

export interface ReportOptions {
  asOf?: string;
  /** The caller's today, used when neither asOf nor ref is given. */
  today: string;
  ref?: string;
  /** An explicit folder of template overrides (--templates). */
  templates?: string;
  /** Ignore the repository's templates (and --templates): aims's own only, as an auditor regenerating a pack wants. */
  builtinTemplates?: boolean;
  /** Paths (relative to the root) whose changes do not make the tree dirty: the pack being written. */
  ignoreForDirty?: string[];
}

export interface PreparedReport {
  report: GapReport;
  model: ReportModel;
  renderer: Renderer;
  templates: ReadonlyMap<string, TemplateSource>;
  /** The templates used that are not aims's own, for the manifest and the notice on every page. */
  customTemplates: CustomTemplate[];
}

/** All rendering of one report must finish within this time. */
const RENDER_SECONDS = 120;

/** Validation, gap analysis and the report model, with templates resolved: the common start of every report. */
export async function prepareReport(root: string, options: ReportOptions): Promise<PreparedReport> {
  const report = await analyseRepository(root, {
    today: options.today,
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.ref !== undefined ? { ref: options.ref } : {}),
    ...(options.ignoreForDirty ? { ignoreForDirty: options.ignoreForDirty } : {}),
  });
  const { check, gaps } = report;
  if (options.builtinTemplates && options.templates) throw new InputError('--templates and --builtin-templates contradict each other', 'pass one of them');
  const builtIn = builtInLayer(TEMPLATES_DIR);
  const layers: TemplateLayer[] = options.builtinTemplates
    ? [builtIn]
    : [...(options.templates ? [explicitLayer(options.templates)] : []), repositoryLayer(check.root, check.config.templates), builtIn];
  const templates = await readTemplates(layers);
  const customTemplates = [...templates.values()]
    .filter((t) => !t.builtIn)
    .map((t) => {
      const relative = path.relative(check.root, t.origin);
      const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
      return { name: t.name, path: inside ? relative.split(path.sep).join('/') : t.origin, sha256: sha256(Buffer.from(t.source, 'utf8')) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const model = buildReportModel({
    records: check.records,
    catalogue: check.catalogue,
    config: check.config,
    gaps,
    version: loadEngine().version,
    ...(check.snapshot.revision ? { revision: check.snapshot.revision } : {}),
    ...(check.snapshot.historyProblem ? { historyProblem: check.snapshot.historyProblem } : {}),
  });
  const deadline = Date.now() + RENDER_SECONDS * 1000;
  const renderer = createRenderer(templates, { ...DEFAULT_BUDGET, expired: () => Date.now() > deadline });
  return { report, model, renderer, templates, customTemplates };
}

/** Renders a template; a broken user template is the user's to fix (InputError), a broken built-in one is a bug. */
export function renderTemplate(prepared: PreparedReport, name: string, data: object): string {
  try {
    return prepared.renderer.render(name, data);
  } catch (error) {
    throw asUserError(error);
  }
}

/** The AI system inventory as a CycloneDX 1.6 BOM (JSON), with the signatures in force to classify components. */
export async function aiBom(check: RepositoryCheck, asOf: string): Promise<string> {
  // Loaded here: the CycloneDX library is the largest aims uses, and `aims report soa` needs
  // neither it nor discover's signatures.
  const [{ signaturesFor }, { cyclonedxBom }] = await Promise.all([import('./discover.js'), import('../render/bom/cyclonedx-bom.js')]);
  const signatures = await signaturesFor(check.root, check.config);
  return cyclonedxBom({
    records: check.records,
    signatures: new Map(signatures.map((s) => [s.id, s])),
    asOf,
    toolVersion: loadEngine().version,
    ...(check.config.organisation ? { organisation: check.config.organisation } : {}),
    ...(check.snapshot.revision ? { revision: check.snapshot.revision } : {}),
  });
}

/** `aims report bom`: validation (records with errors still count), then the BOM as of a date. */
export async function reportBom(root: string, options: { asOf?: string; today: string; ref?: string }): Promise<{ bom: string; systems: number }> {
  const problem = options.asOf !== undefined ? asOfProblem(options.asOf) : undefined;
  if (problem) throw new InputError(problem);
  const check = await checkRepository(root, { git: 'revision', today: options.asOf ?? options.today, ...(options.ref !== undefined ? { ref: options.ref } : {}) });
  const asOf = options.asOf ?? (check.snapshot.revision?.ref !== undefined ? check.snapshot.revision.date.slice(0, 10) : options.today);
  return { bom: await aiBom(check, asOf), systems: check.records.filter((r) => r.kind === 'system').length };
}

/** Every file of an evidence pack, path → bytes. */
export async function buildEvidencePack(root: string, options: ReportOptions): Promise<{ files: Map<string, PackEntry>; prepared: PreparedReport }> {
  const prepared = await prepareReport(root, options);
  const { check, gaps } = prepared.report;
  const cited = collectEvidence(check.records, check.snapshot.paths);
  const sources = cited.files.map((f) => f.source);
  const revision = check.snapshot.revision;
  // Under --ref the evidence, like the records, is what the commit held.
  const limit = check.config.maxEvidenceSize;
  const evidence = revision?.ref !== undefined ? await measureEvidenceBlobs(check.root, await evidenceBlobsAtRef(check.root, revision.commit, sources), limit) : await measureEvidenceFiles(check.root, sources, limit);
  const organisation = check.config.organisation;
  const bom = await aiBom(check, gaps.asOf);
  try {
    const files = buildPack({
      bom,
      model: prepared.model,
      renderer: prepared.renderer,
      cited,
      evidence,
      gapMarkdown: gapMarkdown(gaps, { catalogue: check.catalogue, color: false, ...(organisation ? { organisation } : {}) }),
      recordBlobs: check.snapshot.recordFiles.map((f) => ({ file: f.path, blob: 'blob' in f && f.blob ? f.blob : null })),
      customTemplates: prepared.customTemplates,
    });
    return { files, prepared };
  } catch (error) {
    throw asUserError(error);
  }
}

function asUserError(error: unknown): unknown {
  if (error instanceof BudgetError) {
    return new InputError(`rendering stopped: ${error.message}`, 'a template loops or repeats too much; fix it, or render with aims\'s own templates (--builtin-templates)');
  }
  if (error instanceof TemplateError && !error.template.builtIn) {
    return new InputError(error.message, 'fix the template, or remove it to use the built-in one');
  }
  return error;
}

/** The SSH signature of a pack's manifest.json, made with `ssh-keygen -Y sign` (namespace aims-pack). */
export function signManifest(manifest: Uint8Array, keyFile: string): Promise<Uint8Array> {
  return signData(manifest, keyFile);
}

// What the report command writes besides the façades above: machine formats of the SoA, the
// archive, and the names that tell an aims pack or archive apart from anything else.
export { MANIFEST, SIGNATURE, sha256 } from '../render/report/pack.js';
export { discloseTemplates } from '../render/report/disclose-templates.js';
export { soaCsv, soaJson } from '../render/report/soa-data.js';
export { writeZip, zip, ZIP_COMMENT, type ZipEntry } from '../render/report/zip.js';
// What writing a pack needs: evidence streamed under the reading policy, checked unchanged since it was measured.
export { changed, streamEvidence } from '../workspace/read-evidence.js';
export { verifyPack } from './verify.js';
