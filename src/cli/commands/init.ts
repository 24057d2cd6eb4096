import path from 'node:path';
import { readSchemaTexts, TEMPLATES_DIR } from '../../assets.js';
import { loadEngine } from '../../check-repository.js';
import { createRenderer } from '../../render/report/render-report.js';
import { initFiles } from '../../render/scaffold/scaffold.js';
import { readGitFacts } from '../../workspace/git.js';
import { builtInLayer, readTemplates } from '../../workspace/read-templates.js';
import { plural } from '../../model/plural.js';
import { ExitCode } from '../exit-code.js';
import type { Io } from '../io.js';
import { writeNewFiles } from '../write-output.js';

/** `aims init [DIR]`: scaffolds a new AIMS; refuses to replace any file that exists. */
export async function initCommand(dir: string | undefined, options: { organisation?: string; force?: boolean }, io: Io): Promise<ExitCode> {
  const root = path.resolve(io.cwd, dir ?? '.');
  const renderer = createRenderer(await readTemplates([builtInLayer(TEMPLATES_DIR)]));
  const files = initFiles({
    renderer,
    catalogue: loadEngine().catalogue,
    schemas: readSchemaTexts(),
    organisation: options.organisation ?? 'Example Organisation Ltd',
    today: io.now().toISOString().slice(0, 10),
  });
  const { written, existing } = await writeNewFiles(root, files, { force: options.force === true });
  if (written.length === 0 && existing.length > 0 && !options.force) {
    io.stderr(`aims: init changed nothing: these files already exist:\n${existing.map((f) => `  ${f}`).join('\n')}\nhint: pass --force to add only the missing files\n`);
    return ExitCode.problems;
  }
  const facts = await readGitFacts(root, { history: false });
  const lines = [`aims: created ${plural(written.length, 'file')} in ${dir ?? 'the current folder'}${existing.length > 0 ? ` (kept ${existing.length} existing)` : ''}`];
  if (facts.problem === 'not-a-repository' || facts.problem === 'no-git') lines.push('  tip: run `git init` there: aims uses git history as audit evidence');
  lines.push('  next: edit aims/*.yaml, decide the controls in aims/controls/, then run `aims validate` and `aims gap`');
  io.stderr(lines.join('\n') + '\n');
  return ExitCode.ok;
}
