import path from 'node:path';
import { TEMPLATES_DIR } from './assets.js';
import { analyseRepository, type GapReport, loadEngine } from './check-repository.js';
import { InputError } from './model/errors.js';
import type { TemplateSource } from './model/template.js';
import { gapMarkdown } from './render/gap/gap-markdown.js';
import { collectEvidence } from './render/report/collect-evidence.js';
import { buildPack } from './render/report/pack.js';
import { buildReportModel, type ReportModel } from './render/report/report-model.js';
import { createRenderer, type Renderer, TemplateError } from './render/report/render-report.js';
import { readEvidenceFiles } from './workspace/read-evidence.js';
import { readEvidenceAtRef } from './workspace/read-snapshot-at-ref.js';
import { readTemplates } from './workspace/read-templates.js';

export interface ReportOptions {
  asOf?: string;
  /** The caller's today, used when neither asOf nor ref is given. */
  today: string;
  ref?: string;
  /** An explicit folder of template overrides (--templates). */
  templates?: string;
  /** Paths (relative to the root) whose changes do not make the tree dirty: the pack being written. */
  ignoreForDirty?: string[];
}

export interface PreparedReport {
  report: GapReport;
  model: ReportModel;
  renderer: Renderer;
  templates: ReadonlyMap<string, TemplateSource>;
}

/** Validation, gap analysis and the report model, with templates resolved: the common start of every report. */
export async function prepareReport(root: string, options: ReportOptions): Promise<PreparedReport> {
  const report = await analyseRepository(root, {
    today: options.today,
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    ...(options.ref !== undefined ? { ref: options.ref } : {}),
    ...(options.ignoreForDirty ? { ignoreForDirty: options.ignoreForDirty } : {}),
  });
  const { check, gaps } = report;
  const layers = [
    ...(options.templates ? [{ dir: path.resolve(options.templates), builtIn: false }] : []),
    { dir: path.resolve(check.root, check.config.templates), builtIn: false },
    { dir: TEMPLATES_DIR, builtIn: true },
  ];
  const templates = await readTemplates(layers);
  const model = buildReportModel({
    records: check.records,
    catalogue: check.catalogue,
    config: check.config,
    gaps,
    version: loadEngine().version,
    ...(check.snapshot.revision ? { revision: check.snapshot.revision } : {}),
    // A shallow clone dates every file to its one commit: such dates are not evidence.
    ...(check.snapshot.history && check.snapshot.historyProblem !== 'shallow' ? { history: check.snapshot.history } : {}),
    ...(check.snapshot.historyProblem ? { historyProblem: check.snapshot.historyProblem } : {}),
  });
  return { report, model, renderer: createRenderer(templates), templates };
}

/** Renders a template; a broken user template is the user's to fix (InputError), a broken built-in one is a bug. */
export function renderTemplate(prepared: PreparedReport, name: string, data: object): string {
  try {
    return prepared.renderer.render(name, data);
  } catch (error) {
    throw asUserError(error);
  }
}

/** Every file of an evidence pack, path → bytes. */
export async function buildEvidencePack(root: string, options: ReportOptions): Promise<{ files: Map<string, Uint8Array>; prepared: PreparedReport }> {
  const prepared = await prepareReport(root, options);
  const { check, gaps } = prepared.report;
  const cited = collectEvidence(check.records, check.snapshot.paths);
  const sources = cited.files.map((f) => f.source);
  const revision = check.snapshot.revision;
  // Under --ref the evidence, like the records, is what the commit held.
  const evidence = revision?.ref !== undefined ? await readEvidenceAtRef(check.root, revision.commit, sources) : await readEvidenceFiles(check.root, sources);
  const organisation = check.config.organisation;
  try {
    const files = buildPack({
      model: prepared.model,
      renderer: prepared.renderer,
      cited,
      evidence,
      gapMarkdown: gapMarkdown(gaps, { catalogue: check.catalogue, color: false, ...(organisation ? { organisation } : {}) }),
      recordBlobs: check.snapshot.recordFiles.map((f) => ({ file: f.path, blob: 'blob' in f && f.blob ? f.blob : null })),
    });
    return { files, prepared };
  } catch (error) {
    throw asUserError(error);
  }
}

function asUserError(error: unknown): unknown {
  if (error instanceof TemplateError && !error.template.builtIn) {
    return new InputError(error.message, 'fix the template, or remove it to use the built-in one');
  }
  return error;
}
