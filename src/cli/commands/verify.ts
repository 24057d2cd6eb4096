import { escapeControls } from '../../model/escape.js';
import path from 'node:path';
import { plural } from '../../model/plural.js';
import { type PackVerification, type VerifyOptions, verifyPack } from '../../api/verify.js';
import { ExitCode } from '../exit-code.js';
import type { Io } from '../io.js';

/**
 * `aims verify PACK`: exit 0 only when every file matches the manifest, nothing was added, and
 * the signature and checksum asked for match. What the auditor needs to judge the rest (the
 * manifest's SHA-256, who signed, custom templates) is always printed.
 */
export async function verifyCommand(target: string, options: VerifyOptions & { format: string }, io: Io): Promise<ExitCode> {
  const result = await verifyPack(path.resolve(io.cwd, target), {
    ...(options.allowedSigners !== undefined ? { allowedSigners: path.resolve(io.cwd, options.allowedSigners) } : {}),
    ...(options.expectSha256 !== undefined ? { expectSha256: options.expectSha256 } : {}),
  });
  if (options.format === 'json') io.stdout(JSON.stringify(result, null, 2) + '\n');
  // File names in a pack folder, and the manifest's fields, may be anything: each line is shown escaped.
  else io.stdout(verifyText(target, result, options).map(escapeControls).join('\n') + '\n');
  return result.ok ? ExitCode.ok : ExitCode.problems;
}

function verifyText(target: string, result: PackVerification, options: VerifyOptions): string[] {
  const lines: string[] = [];
  const sha = result.manifestSha256 ? [`  manifest.json sha256 ${result.manifestSha256}`] : [];
  if (!result.valid) return [`✖ ${target}: not a valid pack: ${result.problem ?? 'unknown reason'}`, ...sha];
  for (const p of result.missing) lines.push(`missing   ${p}`);
  for (const p of result.altered) lines.push(`altered   ${p}`);
  for (const p of result.unlisted) lines.push(`unlisted  ${p}`);
  const source = `commit ${result.commit ?? 'unknown'}, as of ${result.asOf}`;
  lines.push(
    result.intact
      ? `${result.ok ? '✔' : '✖'} ${target}: intact, all ${result.checked} files match manifest.json (${source})`
      : `✖ ${target}: NOT intact: ${result.missing.length} missing, ${result.altered.length} altered, ${result.unlisted.length} unlisted of ${result.checked} files (${source})`,
  );
  lines.push(...sha);
  const expected = result.expectedSha256;
  if (expected) {
    lines.push(
      expected.matches
        ? '  checksum: matches the one sent separately (--expect-sha256)'
        : `  checksum: DIFFERENT from the one sent separately (${expected.expected}): this is not the manifest that was sent`,
    );
  } else {
    lines.push('  checksum: not compared; pass --expect-sha256 with the checksum the organisation sent by another channel');
  }
  lines.push(`  signature: ${signatureText(result.signature, options.allowedSigners)}`);
  lines.push(
    result.templates.length === 0
      ? "  templates: aims's built-in templates only"
      : `  templates: rendered with ${plural(result.templates.length, 'custom template')}: ${result.templates.map((t) => `${t.path} (${t.sha256.slice(0, 12)})`).join(', ')}; the pages show what these templates made of the records`,
  );
  return lines;
}

function signatureText(signature: PackVerification['signature'], allowedSigners: string | undefined): string {
  switch (signature.status) {
    case 'good':
      return `good, signed by ${signature.signer} (${signature.key}, listed in ${allowedSigners ?? ''})`;
    case 'bad':
      return `BAD: ${signature.detail}`;
    case 'unknown-signer':
      return `NOT by an allowed signer: ${signature.detail}`;
    case 'not-checked':
      return 'present (manifest.json.sig) but not checked; pass --allowed-signers with the organisation\'s published keys';
    case 'unsigned':
      return allowedSigners === undefined ? 'unsigned (no manifest.json.sig)' : 'UNSIGNED: there is no manifest.json.sig to check';
  }
}
