import path from 'node:path';
import { readSignaturesText, SIGNATURES_FILE } from '../assets.js';
import { detectInHeader, detectInText, candidateOf } from '../analyse/discover/detect.js';
import { matchInventory, repositoryEntry } from '../analyse/discover/match-inventory.js';
import { readSbom } from '../analyse/discover/read-sbom.js';
import { buildSignatureIndex, type SignatureIndex } from '../analyse/discover/signature-index.js';
import { prebuiltSignatures } from './built-data.js';
import { checkRepository, loadSchemaRegistry, type RepositoryCheck } from './check.js';
import { loadSignatures, mergeSignatures } from '../validate/load-signatures.js';
import { type RawSignature, toSignature } from '../validate/signature-data.js';
import type { AimsConfig } from '../model/config.js';
import type { Detection, DiscoverResult, ScannedRoot, Signature } from '../model/discover.js';
import { InputError } from '../model/errors.js';
import { pathKind } from '../workspace/file-index.js';
import { type CodeFile, readCodeFiles, readTextFile } from '../workspace/read-code-files.js';

export interface DiscoverOptions {
  /** Code folders to scan (absolute, or relative to `cwd`); none: discover.paths of aims.yaml, else `cwd` itself. */
  paths: readonly string[];
  /** CycloneDX or SPDX JSON SBOMs to read instead of (or beside) code. */
  sboms?: readonly string[];
  cwd: string;
  /** The AIMS repository whose system records are the inventory; without it nothing is registered. */
  aimsRoot?: string;
  includeVendored?: boolean;
}

export interface DiscoverReport extends DiscoverResult {
  /** The AIMS check, when there is an AIMS (its records are the inventory). */
  check?: RepositoryCheck;
  /** discover.paths entries not scanned, and why. */
  notes: string[];
}

const SBOM_MAX = 64 * 1024 * 1024;

/** Built-in signatures, then the organisation's own from aims.yaml (inline, then named files). */
export async function signaturesFor(aimsRoot: string | undefined, config: AimsConfig | undefined): Promise<Signature[]> {
  const builtIn = prebuiltSignatures() ?? loadSignatures(SIGNATURES_FILE, readSignaturesText(), loadSchemaRegistry());
  if (!config || aimsRoot === undefined) return builtIn;
  const schemas = loadSchemaRegistry();
  const inline = config.discover.signatures.map((s) => toSignature(s as RawSignature));
  const files: Signature[][] = [];
  for (const file of config.discover.signatureFiles) {
    const read = await readTextFile(path.resolve(aimsRoot, file), SBOM_MAX);
    if ('problem' in read) throw new InputError(`cannot read the signatures file ${file} named in aims.yaml: ${read.problem}`, 'check discover.signatures in aims.yaml');
    files.push(loadSignatures(file, read.text, schemas));
  }
  return mergeSignatures(builtIn, inline, ...files);
}

/** The signatures in force for an AIMS (or the built-in ones without one). */
export async function listSignatures(aimsRoot: string | undefined): Promise<Signature[]> {
  const check = aimsRoot !== undefined ? await checkRepository(aimsRoot) : undefined;
  return signaturesFor(check?.root, check?.config);
}

/** Scan code folders (and SBOMs) for AI use and match every use against the AIMS's system records. */
export async function discoverRepositories(options: DiscoverOptions & { check?: RepositoryCheck }): Promise<DiscoverReport> {
  const check = options.check ?? (options.aimsRoot !== undefined ? await checkRepository(options.aimsRoot) : undefined);
  const signatures = await signaturesFor(check?.root, check?.config);
  const index = buildSignatureIndex(signatures);
  const includeVendored = options.includeVendored ?? check?.config.discover.includeVendored ?? false;
  const roots: ScannedRoot[] = [];
  const detections: Detection[][] = [];
  const notes: string[] = [];
  const configured = check && options.paths.length === 0 && !options.sboms?.length ? await watchedPaths(check, notes) : [];
  const paths = options.paths.length > 0 || options.sboms?.length || (check?.config.discover.paths.length ?? 0) > 0 ? [...options.paths, ...configured] : ['.'];
  const base = configured.length > 0 && check ? check.root : options.cwd;
  const aimsRoot = toPosix(check?.root ?? path.resolve(options.cwd));
  for (const given of paths) {
    const absolute = path.resolve(base, given);
    const kind = await pathKind(absolute);
    if (kind !== 'dir') throw new InputError(kind === 'missing' ? `no such directory: ${given}` : `not a directory: ${given}`, 'pass the folders of the code repositories to scan');
    const scan = await scanFolder(absolute, index, includeVendored);
    roots.push({ display: given, absolute: toPosix(absolute), remotes: scan.remotes, listing: scan.listing, filesRead: scan.filesRead, skipped: scan.skipped, entry: repositoryEntry(toPosix(absolute), scan.remotes, aimsRoot) });
    detections.push(scan.detections);
  }
  for (const given of options.sboms ?? []) {
    const absolute = path.resolve(options.cwd, given);
    const read = await readTextFile(absolute, SBOM_MAX);
    if ('problem' in read) throw new InputError(`cannot read the SBOM ${given}: ${read.problem}`, 'pass a CycloneDX or SPDX JSON file');
    const name = path.basename(absolute);
    const sbom = readSbom(name, read.text, index);
    if (!sbom) throw new InputError(`${given} is not a CycloneDX or SPDX JSON SBOM`, 'pass a CycloneDX (bomFormat) or SPDX (spdxVersion) JSON document');
    roots.push({ display: given, absolute: toPosix(path.dirname(absolute)), remotes: sbom.remotes, listing: 'sbom', filesRead: 1, skipped: [], entry: repositoryEntry(toPosix(path.dirname(absolute)), sbom.remotes, aimsRoot) });
    detections.push(sbom.detections);
  }
  const systems = check ? check.records.filter((r) => r.kind === 'system') : [];
  const findings = matchInventory({ aimsRoot, roots, detections, systems, signatures: index.signatures });
  const systemFiles = new Map(systems.filter((r) => r.id !== undefined).map((r) => [r.id as string, `${r.origin.file}:${r.origin.line}`]));
  return { roots, findings, signatures: index.signatures, systemFiles, notes, ...(check ? { check } : {}) };
}

/**
 * discover.paths of aims.yaml, which is untrusted input: only folders beside the AIMS (inside
 * the folder that holds it) are scanned, so a hostile config cannot walk the whole disk.
 */
async function watchedPaths(check: RepositoryCheck, notes: string[]): Promise<string[]> {
  const limit = path.dirname(check.root);
  const out: string[] = [];
  for (const p of check.config.discover.paths) {
    const absolute = path.resolve(check.root, p);
    const rel = path.relative(limit, absolute);
    if (path.isAbsolute(p) || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) notes.push(`discover.paths entry ${p} leaves the folder that holds the AIMS: not scanned`);
    else if ((await pathKind(absolute)) !== 'dir') notes.push(`discover.paths entry ${p} is not a folder: not scanned`);
    else out.push(p);
  }
  return out;
}

/** For `aims gap`: the code repositories aims.yaml watches, scanned and matched (undefined when it names none). */
export async function discoverWatched(check: RepositoryCheck): Promise<DiscoverReport | undefined> {
  if (check.config.discover.paths.length === 0) return undefined;
  return discoverRepositories({ paths: [], cwd: check.root, aimsRoot: check.root, check });
}

async function scanFolder(absolute: string, index: SignatureIndex, includeVendored: boolean): Promise<{ detections: Detection[]; remotes: string[]; listing: 'git' | 'walk'; filesRead: number; skipped: ScannedRoot['skipped'] }> {
  const detections: Detection[] = [];
  const visit = (file: CodeFile): void => {
    detections.push(...('text' in file ? detectInText(file.path, file.text, index) : detectInHeader(file.path, file.header, index)));
  };
  const read = await readCodeFiles(absolute, { plan: (p) => candidateOf(p, index), includeVendored, visit });
  detections.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { detections, remotes: read.remotes, listing: read.listing, filesRead: read.read, skipped: read.skipped };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

// The discover report's renderings, for the discover command and other programs.
export { discoverJson } from '../render/discover/discover-json.js';
export { discoverMarkdown } from '../render/discover/discover-markdown.js';
export { discoverSarif } from '../render/discover/discover-sarif.js';
export { discoverSuggest } from '../render/discover/discover-suggest.js';
export { discoverText } from '../render/discover/discover-text.js';
