import path from 'node:path';
import { readSchemaTexts } from '../../assets.js';
import { InputError } from '../../model/errors.js';
import { closest } from '../../model/suggest.js';
import { ExitCode } from '../exit-code.js';
import type { Io } from '../io.js';
import { writeFileOutput } from '../write-output.js';

/** `aims schema [KIND]`: print a schema, list them, or write them (all, or KIND's) for editors. */
export async function schemaCommand(kind: string | undefined, options: { write?: string }, io: Io): Promise<ExitCode> {
  const all = readSchemaTexts();
  const name = kind === undefined ? undefined : `${kind}.schema.json`;
  if (name !== undefined && !all.has(name)) {
    const guess = closest(kind as string, [...all.keys()].map(schemaName));
    throw new InputError(`no schema named "${kind}"${guess ? ` (did you mean "${guess}"?)` : ''}`, 'run `aims schema` to list them');
  }
  if (options.write) {
    const dir = path.resolve(io.cwd, options.write);
    const chosen = name === undefined ? all : new Map([[name, all.get(name) as string]]);
    for (const [file, text] of chosen) await writeFileOutput(path.join(dir, file), text, { force: true });
    io.stderr(`aims: wrote ${name === undefined ? `${chosen.size} schemas` : `the ${kind ?? ''} schema`} to ${options.write}\n`);
    return ExitCode.ok;
  }
  if (name === undefined) {
    io.stdout(`${[...all.keys()].map(schemaName).join('\n')}\n`);
    return ExitCode.ok;
  }
  io.stdout(all.get(name) as string);
  return ExitCode.ok;
}

function schemaName(file: string): string {
  return file.replace(/\.schema\.json$/, '');
}
