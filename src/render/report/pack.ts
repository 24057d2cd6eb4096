import { createHash } from 'node:crypto';
import type { EvidenceFile, ReportModel } from './report-model.js';
import type { CitedFile, CitedUrl } from './collect-evidence.js';
import type { Renderer } from './render-report.js';
import { soaCsv } from './soa-data.js';
import { discloseTemplates, type CustomTemplate } from './disclose-templates.js';
import { isCopied, type PackEntry } from '../../model/pack-entry.js';

export const MANIFEST = 'manifest.json';
/** The SSH signature of manifest.json (`--sign`); the manifest cannot list it, so it is the one file it does not. */
export const SIGNATURE = 'manifest.json.sig';
/** 2: templates disclosed; manifest.json checked against schemas/pack-manifest.schema.json. */
export const PACK_FORMAT = 2;

/** The HTML pages of a pack, in the order the index lists them. */
export const PACK_PAGES = [
  { file: 'index.html', template: 'index.html.hbs', title: 'Evidence pack', description: 'This overview: readiness figures, the certification journey and its blockers, and how to check the pack.' },
  { file: 'soa.html', template: 'soa.html.hbs', title: 'Statement of Applicability', description: 'Every Annex A control with its decision, justification, status, owner, risks and evidence (also soa.md and soa.csv).' },
  { file: 'gap.html', template: 'gap.html.hbs', title: 'Gap report', description: 'Every clause 4–10 requirement and Annex A control judged as of the as-of date, with next steps (also gap.md).' },
  { file: 'risks.html', template: 'risks.html.hbs', title: 'Risk register', description: 'All AI risks with scores, treatment and residual risk, and heat maps before and after treatment.' },
  { file: 'systems.html', template: 'systems.html.hbs', title: 'AI system inventory', description: 'Every AI system with its lifecycle, scope, data and impact assessments.' },
  { file: 'assessments.html', template: 'assessments.html.hbs', title: 'Impact assessments', description: 'AI system impact assessments with their impacts and mitigations.' },
  { file: 'nonconformities.html', template: 'nonconformities.html.hbs', title: 'Nonconformities and corrective actions', description: 'The nonconformity log with root causes, corrective actions and effectiveness checks.' },
  { file: 'audits.html', template: 'audits.html.hbs', title: 'Audits and management reviews', description: 'Internal audits with findings, and management reviews with inputs, decisions and actions.' },
  { file: 'documents.html', template: 'documents.html.hbs', title: 'Document control', description: 'Every record with its version, last change and author from git, and approvals awaiting renewal (clause 7.5).' },
  { file: 'evidence.html', template: 'evidence.html.hbs', title: 'Evidence', description: 'Every cited evidence file with its checksum, and every cited web address.' },
] as const;

export interface PackInput {
  model: ReportModel;
  renderer: Renderer;
  cited: { files: CitedFile[]; urls: CitedUrl[] };
  /** Every cited file, by repository path: its bytes (as of a commit), or measured to be copied when the pack is written. */
  evidence: ReadonlyMap<string, PackEntry>;
  /** The gap report in Markdown, as `aims gap --format markdown` prints it. */
  gapMarkdown: string;
  /** Record files with their git blob ids, for provenance. */
  recordBlobs: readonly { file: string; blob: string | null }[];
  /** Templates that are not aims's own, disclosed in the manifest and on every page. */
  customTemplates: readonly CustomTemplate[];
  /** The AI system inventory as a CycloneDX BOM (aims report bom). */
  bom?: string;
}

/** The pack's AI bill of materials. */
export const BOM_FILE = 'ai-bom.cdx.json';

export interface Manifest {
  generator: 'aims';
  format: number;
  aimsVersion: string;
  organisation: string;
  asOf: string;
  commit: string | null;
  dirty: boolean;
  files: { path: string; bytes: number; sha256: string }[];
  evidence: { path: string; source: string; records: string[]; controls: string[] }[];
  urls: { url: string; records: string[] }[];
  records: { file: string; blob: string | null }[];
  templates: CustomTemplate[];
}

/**
 * Where each cited file goes in the pack: under `evidence/`, keeping its repository path once
 * (`evidence/policy/ai.md` stays `evidence/policy/ai.md`; `docs/x.pdf` becomes
 * `evidence/docs/x.pdf`). Should a repository cite both `x.md` and `evidence/x.md`, every
 * file keeps its full path under `evidence/` instead, so no two files land on one path.
 */
export function evidencePackPaths(sources: readonly string[]): (source: string) => string {
  const all = new Set(sources);
  const clash = sources.some((s) => !s.startsWith('evidence/') && all.has(`evidence/${s}`));
  return (source) => (!clash && source.startsWith('evidence/') ? source : `evidence/${source}`);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function entrySize(entry: PackEntry): number {
  return isCopied(entry) ? entry.bytes : entry.length;
}

function entryHash(entry: PackEntry): string {
  return isCopied(entry) ? entry.sha256 : sha256(entry);
}

/**
 * Every file of the pack, path → bytes (evidence: what to copy), manifest included. Pure and deterministic: no clock,
 * sorted everywhere, so the same records, commit and as-of date give identical bytes.
 */
export function buildPack(input: PackInput): Map<string, PackEntry> {
  const files = new Map<string, PackEntry>();
  const text = (s: string): Uint8Array => Buffer.from(s, 'utf8');
  const disclosed = (s: string, format: 'html' | 'md'): Uint8Array => text(discloseTemplates(s, format, input.customTemplates));

  const packPath = evidencePackPaths(input.cited.files.map((f) => f.source));
  const evidenceFiles: EvidenceFile[] = input.cited.files.map((f) => {
    const entry = input.evidence.get(f.source) ?? new Uint8Array();
    files.set(packPath(f.source), entry);
    return { source: f.source, path: packPath(f.source), bytes: entrySize(entry), sha256: entryHash(entry), records: f.records, controls: f.controls };
  });

  const model: ReportModel = { ...input.model, evidence: { files: evidenceFiles, urls: input.cited.urls } };
  const pages = PACK_PAGES.map(({ file, title, description }) => ({ file, title, description }));
  for (const page of PACK_PAGES) {
    const data = { ...model, page: { title: page.title, file: page.file }, pages, standalone: false, linkEvidence: true };
    files.set(page.file, disclosed(input.renderer.render(page.template, data), 'html'));
  }
  files.set('soa.md', disclosed(input.renderer.render('soa.md.hbs', { ...model, page: { title: 'Statement of Applicability', file: 'soa.md' }, pages, standalone: true, linkEvidence: false }), 'md'));
  files.set('soa.csv', text(soaCsv(model)));
  files.set('gap.md', text(input.gapMarkdown));
  if (input.bom !== undefined) files.set(BOM_FILE, text(input.bom));

  const manifest: Manifest = {
    generator: 'aims',
    format: PACK_FORMAT,
    aimsVersion: model.tool.version,
    organisation: model.organisation,
    asOf: model.asOf,
    commit: model.revision.commit || null,
    dirty: model.revision.dirty,
    files: [...files.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, entry]) => ({ path, bytes: entrySize(entry), sha256: entryHash(entry) })),
    evidence: evidenceFiles.map(({ path, source, records, controls }) => ({ path, source, records, controls })),
    urls: input.cited.urls,
    records: [...input.recordBlobs].sort((a, b) => (a.file < b.file ? -1 : 1)),
    templates: [...input.customTemplates],
  };
  files.set(MANIFEST, text(JSON.stringify(manifest, null, 2) + '\n'));
  return files;
}
