import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageHomepage, packageVersion } from '../../assets.js';
import { discoverJson, discoverMarkdown, discoverRepositories, discoverSarif, discoverSuggest, discoverText, listSignatures, type DiscoverReport } from '../../api/discover.js';
import { InputError } from '../../model/errors.js';
import type { DiscoverFormat } from '../choices.js';
import { ExitCode } from '../exit-code.js';
import { findRoot } from '../find-root.js';
import type { Io } from '../io.js';
import { writeFileOutput } from '../write-output.js';

/** Each --format and its renderer; typed so that every choice in choices.ts has one. */
const RENDERERS: Record<DiscoverFormat, (result: DiscoverReport) => string> = {
  text: discoverText,
  json: discoverJson,
  sarif: (result) => discoverSarif(result, { toolVersion: packageVersion(), rulesUrl: `${packageHomepage()}#aims-discover` }),
  markdown: discoverMarkdown,
};

export interface DiscoverCliOptions {
  root?: string;
  /** One of DISCOVER_FORMATS (commander checks the choice). */
  format: DiscoverFormat;
  out?: string;
  /** The old name of --out, kept as an alias. */
  output?: string;
  failOn?: string;
  suggest?: boolean;
  sbom?: string[];
  includeVendored?: boolean;
  listSignatures?: boolean;
}

/** `aims discover PATH...`: AI use in code (or SBOMs), matched against the AIMS's system records. */
export async function discoverCommand(paths: string[], options: DiscoverCliOptions, io: Io): Promise<ExitCode> {
  if (options.failOn !== undefined && options.failOn !== 'unregistered' && options.failOn !== 'unlisted') {
    throw new InputError(`--fail-on takes unregistered or unlisted, not "${options.failOn}"`);
  }
  const aimsRoot = aimsRootFor(io.cwd, options.root);
  if (options.listSignatures) {
    const list = await listSignatures(aimsRoot);
    io.stdout(list.map((s) => `${s.id.padEnd(26)} ${s.category.padEnd(16)} ${s.name}${s.hosted ? ' (hosted)' : ''}`).join('\n') + '\n');
    return ExitCode.ok;
  }
  const result = await discoverRepositories({
    paths,
    sboms: options.sbom ?? [],
    cwd: io.cwd,
    ...(aimsRoot !== undefined ? { aimsRoot } : {}),
    ...(options.includeVendored ? { includeVendored: true } : {}),
  });
  const text = options.suggest ? discoverSuggest(result) : RENDERERS[options.format](result);
  const out = options.out ?? options.output;
  if (out !== undefined) await writeFileOutput(path.resolve(io.cwd, out), text, { force: true });
  else io.stdout(text);
  if (aimsRoot === undefined) io.stderr('aims: no AIMS repository found (no aims.yaml here or above, and no --root): every AI use counts as unregistered\n');
  const failing = result.findings.filter((f) => f.status === 'unregistered' || (options.failOn === 'unlisted' && f.status === 'unlisted'));
  if (options.failOn !== undefined && failing.length > 0) {
    io.stderr(`aims: ${failing.length} AI use${failing.length === 1 ? '' : 's'} at or above --fail-on ${options.failOn}\n`);
    return ExitCode.problems;
  }
  return ExitCode.ok;
}

/** --root, else the AIMS found from the current folder (aims.yaml here or above); undefined when there is none. */
function aimsRootFor(cwd: string, given: string | undefined): string | undefined {
  if (given !== undefined) return path.resolve(cwd, given);
  const found = findRoot(cwd, undefined);
  return existsSync(path.join(found, 'aims.yaml')) ? found : undefined;
}
