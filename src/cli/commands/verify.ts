import path from 'node:path';
import { verifyPack } from '../../workspace/verify-pack.js';
import { ExitCode } from '../exit-code.js';
import type { Io } from '../io.js';

/** `aims verify DIR`: exit 0 only when every file matches the manifest and nothing was added. */
export async function verifyCommand(dir: string, options: { format: string }, io: Io): Promise<ExitCode> {
  const result = await verifyPack(path.resolve(io.cwd, dir));
  if (options.format === 'json') {
    io.stdout(JSON.stringify(result, null, 2) + '\n');
  } else {
    const lines: string[] = [];
    for (const p of result.missing) lines.push(`missing   ${p}`);
    for (const p of result.altered) lines.push(`altered   ${p}`);
    for (const p of result.unlisted) lines.push(`unlisted  ${p}`);
    const source = `commit ${result.commit ?? 'unknown'}, as of ${result.asOf}`;
    lines.push(
      result.intact
        ? `✔ ${dir}: intact, all ${result.checked} files match manifest.json (${source})`
        : `✖ ${dir}: NOT intact: ${result.missing.length} missing, ${result.altered.length} altered, ${result.unlisted.length} unlisted of ${result.checked} files (${source})`,
    );
    io.stdout(lines.join('\n') + '\n');
  }
  return result.intact ? ExitCode.ok : ExitCode.problems;
}
