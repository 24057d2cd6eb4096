import path from 'node:path';
import { readSchemaTexts } from '../../assets.js';
import { InputError } from '../../model/errors.js';
import { ExitCode } from '../exit-code.js';
import type { Io } from '../io.js';
import { writeFileOutput } from '../write-output.js';

/** `aims schema [KIND]`: print a schema, list them, or write them all for editors. */
export async function schemaCommand(kind: string | undefined, options: { write?: string }, io: Io): Promise<ExitCode> {
  const schemas = readSchemaTexts();
  if (options.write) {
    const dir = path.resolve(io.cwd, options.write);
    for (const [name, text] of schemas) await writeFileOutput(path.join(dir, name), text, { force: true });
    io.stderr(`aims: wrote ${schemas.size} schemas to ${options.write}\n`);
    return ExitCode.ok;
  }
  if (kind === undefined) {
    const names = [...schemas.keys()].map((n) => n.replace(/\.schema\.json$/, ''));
    io.stdout(`${names.join('\n')}\n`);
    return ExitCode.ok;
  }
  const text = schemas.get(`${kind}.schema.json`);
  if (!text) throw new InputError(`no schema named "${kind}"`, 'run `aims schema` to list them');
  io.stdout(text);
  return ExitCode.ok;
}
