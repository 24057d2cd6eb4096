import { access } from 'node:fs/promises';
import { readSchemas } from '../assets.js';
import { InputError } from '../model/errors.js';
import { MANIFEST, type Manifest, sha256, SIGNATURE } from '../render/report/pack.js';
import { createSchemaRegistry } from '../validate/schema-registry.js';
import { readPack } from '../workspace/read-pack.js';
import { type SignatureCheck, verifyData } from '../workspace/ssh-signature.js';

/**
 * `aims verify`: is this a pack aims wrote, is every file as the manifest says, is the manifest
 * the one that was sent (checksum sent separately, or an SSH signature), and what rendered it.
 */
export interface PackVerification {
  /** False when the pack cannot be checked at all; `problem` says why. */
  valid: boolean;
  problem?: string;
  /** SHA-256 of manifest.json as found, or null when there is none. */
  manifestSha256: string | null;
  /** Files checked against the manifest. */
  checked: number;
  missing: string[];
  altered: string[];
  /** Files in the pack that the manifest does not list. */
  unlisted: string[];
  commit: string | null;
  asOf: string;
  /** Templates that rendered the pack and are not aims's own. */
  templates: Manifest['templates'];
  signature: { status: 'unsigned' | 'not-checked' } | SignatureCheck;
  /** Present when --expect-sha256 was given. */
  expectedSha256?: { expected: string; matches: boolean };
  /** Every file matches the manifest and nothing was added. */
  intact: boolean;
  /** Valid, intact, and every check that was asked for (signature, checksum) passed. */
  ok: boolean;
}

export interface VerifyOptions {
  /** git's allowed-signers file: check manifest.json.sig against the keys it lists. */
  allowedSigners?: string;
  /** The manifest checksum sent separately. */
  expectSha256?: string;
}

/** The most of manifest.json aims reads before it has been checked. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export async function verifyPack(target: string, options: VerifyOptions = {}): Promise<PackVerification> {
  const expected = options.expectSha256?.trim().toLowerCase();
  if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) {
    throw new InputError(`--expect-sha256 needs a SHA-256 in hex (64 characters), not ${JSON.stringify(options.expectSha256)}`);
  }
  if (options.allowedSigners !== undefined) {
    try {
      await access(options.allowedSigners);
    } catch {
      throw new InputError(`--allowed-signers ${options.allowedSigners}: no such file`, 'give the allowed-signers file the organisation published (one "principal key-type key" per line)');
    }
  }
  const pack = await readPack(target, { keepLimit: MAX_MANIFEST_BYTES });
  const result: PackVerification = {
    valid: false,
    manifestSha256: null,
    checked: 0,
    missing: [],
    altered: [],
    unlisted: [],
    commit: null,
    asOf: '',
    templates: [],
    signature: { status: 'unsigned' },
    intact: false,
    ok: false,
  };
  const invalid = (problem: string): PackVerification => ({ ...result, problem });
  if (pack.problem) return invalid(pack.problem);

  const kind = pack.entries.get(MANIFEST);
  if (kind === undefined) return invalid('it has no manifest.json');
  if (kind !== 'file') return invalid('manifest.json is not a regular file');
  const manifestBytes = await pack.read(MANIFEST, MAX_MANIFEST_BYTES);
  if (!manifestBytes) return invalid(`manifest.json is larger than ${MAX_MANIFEST_BYTES} bytes`);
  result.manifestSha256 = sha256(manifestBytes);
  if (expected !== undefined) result.expectedSha256 = { expected, matches: expected === result.manifestSha256 };

  let manifest: Manifest;
  try {
    manifest = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes)) as Manifest;
  } catch {
    return invalid('manifest.json is not valid JSON');
  }
  const problem = manifestProblem(manifest);
  if (problem) return invalid(problem);
  result.commit = manifest.commit;
  result.asOf = manifest.asOf;
  result.templates = manifest.templates;

  const sigKind = pack.entries.get(SIGNATURE);
  if (sigKind === 'file') {
    result.signature =
      options.allowedSigners === undefined ? { status: 'not-checked' } : await verifyData(manifestBytes, (await pack.read(SIGNATURE, MAX_MANIFEST_BYTES)) ?? new Uint8Array(), options.allowedSigners);
  }

  const listed = new Set(manifest.files.map((f) => f.path));
  for (const entry of manifest.files) {
    if (pack.entries.get(entry.path) !== 'file') {
      result.missing.push(entry.path);
      continue;
    }
    // Streamed: a pack of large evidence files is checked without holding any of them.
    const found = await pack.digest(entry.path);
    if (found.bytes !== entry.bytes || found.sha256 !== entry.sha256) result.altered.push(entry.path);
  }
  // The signature is not listed (it signs the manifest), but only a regular file passes as one.
  result.unlisted = [...pack.entries.entries()]
    .filter(([p, k]) => p !== MANIFEST && !(p === SIGNATURE && k === 'file') && !listed.has(p))
    .map(([p]) => p)
    .sort();
  result.missing.sort();
  result.altered.sort();
  result.checked = manifest.files.length;
  result.valid = true;
  result.intact = result.missing.length === 0 && result.altered.length === 0 && result.unlisted.length === 0;
  const signatureOk = options.allowedSigners === undefined || result.signature.status === 'good';
  result.ok = result.intact && signatureOk && (result.expectedSha256?.matches ?? true);
  return result;
}

/** Why a parsed manifest.json is not one aims wrote, or undefined when it is. */
export function manifestProblem(manifest: unknown): string | undefined {
  const issues = createSchemaRegistry(readSchemas()).validate('pack-manifest', manifest);
  if (issues.length > 0) {
    const issue = issues[0] as (typeof issues)[number];
    return `manifest.json does not match the pack manifest schema (schemas/pack-manifest.schema.json): ${issue.instancePath || '/'} ${issue.message}`;
  }
  const m = manifest as Manifest;
  const seen = new Set<string>();
  for (const { path } of m.files) {
    if (!isPlainRelative(path)) return `manifest.json lists ${JSON.stringify(path)}, which is not a plain path inside the pack`;
    if (path === MANIFEST || path === SIGNATURE) return `manifest.json lists ${path}, which it cannot checksum`;
    if (path.split('/').includes('.git')) return `manifest.json lists ${path}: a pack never holds a .git folder`;
    if (seen.has(path)) return `manifest.json lists ${path} twice`;
    seen.add(path);
  }
  if (!seen.has('index.html')) return 'manifest.json does not list index.html';
  return undefined;
}

/** A manifest path must name a file inside the pack: no absolute path, no `..`, no empty or `.` segment. */
function isPlainRelative(p: string): boolean {
  return !p.startsWith('/') && !p.split('/').some((s) => s === '..' || s === '' || s === '.');
}
