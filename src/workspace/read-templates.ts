import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import type { TemplateSource } from '../model/template.js';

/**
 * Template sources by name, looked up one by one: an explicit --templates folder first, then
 * the repository's own templates folder, then the built-in ones. A user can so replace a single
 * partial (partials/header.hbs) without copying the rest.
 *
 * Templates are code the report runs, and the repository's are untrusted: each layer is read
 * only from inside its `within` folder (the repository for `templates:` in aims.yaml; the folder
 * itself for --templates), following no link out of it, and each file is size-limited.
 */
export interface TemplateLayer {
  dir: string;
  builtIn: boolean;
  /** Every template of the layer, links resolved, must lie inside this folder. */
  within: string;
  /** How the user names this layer in an error: "templates: in aims.yaml", "--templates". */
  label: string;
  /** A missing folder is an error (an explicit --templates) rather than "nothing to override". */
  required?: boolean;
}

/** The package's own templates. */
export function builtInLayer(dir: string): TemplateLayer {
  return { dir, builtIn: true, within: dir, label: 'built-in templates' };
}

/** The repository's templates folder (`templates:` in aims.yaml), which must lie inside the repository. */
export function repositoryLayer(root: string, configured: string): TemplateLayer {
  return { dir: path.resolve(root, configured), builtIn: false, within: root, label: 'templates: in aims.yaml,' };
}

/** An explicit --templates folder: it must exist, and nothing in it may link out of it. */
export function explicitLayer(dir: string): TemplateLayer {
  return { dir: path.resolve(dir), builtIn: false, within: path.resolve(dir), label: '--templates', required: true };
}

export const MAX_TEMPLATE_BYTES = 256 * 1024;
export const MAX_TEMPLATES = 500;

export async function readTemplates(layers: readonly TemplateLayer[]): Promise<Map<string, TemplateSource>> {
  const found = new Map<string, TemplateSource>();
  for (const layer of layers) {
    const names = await listTemplates(layer);
    if (names.length > MAX_TEMPLATES) throw new InputError(`${layer.label} ${layer.dir} holds more than ${MAX_TEMPLATES} templates; aims reads at most ${MAX_TEMPLATES}`);
    for (const name of names) {
      if (found.has(name)) continue;
      const origin = path.join(layer.dir, name);
      found.set(name, { name, source: await readTemplateFile(origin, layer.builtIn ? Infinity : MAX_TEMPLATE_BYTES), origin, builtIn: layer.builtIn });
    }
  }
  return found;
}

/**
 * Reads one template: a regular file (checked on the open handle, so it cannot be swapped for a
 * device or fifo in between), at most `maxBytes` long, as UTF-8.
 */
export async function readTemplateFile(file: string, maxBytes: number): Promise<string> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new InputError(`template ${file} is not a regular file`);
    if (info.size > maxBytes) throw new InputError(`template ${file} is ${info.size} bytes; templates may be at most ${maxBytes} bytes`);
    try {
      // Fatal, and keeping a BOM, so the text hashes to exactly the file's bytes (the manifest records that hash).
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await handle.readFile());
    } catch {
      throw new InputError(`template ${file} is not UTF-8 text`);
    }
  } finally {
    await handle.close();
  }
}

async function listTemplates(layer: TemplateLayer): Promise<string[]> {
  let real: string;
  try {
    real = await realpath(layer.dir);
    if (!(await stat(real)).isDirectory()) throw new InputError(`${layer.label} ${layer.dir} is not a folder`);
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (layer.required) throw new InputError(`${layer.label} ${layer.dir}: no such folder`, 'give a folder of .hbs templates named like the built-in ones');
    return []; // no such folder: nothing to override
  }
  const within = await realpath(layer.within);
  const inside = (p: string): boolean => p === within || p.startsWith(within + path.sep);
  if (!inside(real)) throw new InputError(`${layer.label} ${layer.dir} leads outside ${layer.within}; refusing to read templates from there`);
  const names: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(path.join(layer.dir, rel), { withFileTypes: true })) {
      if (names.length > MAX_TEMPLATES) return;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (e.isSymbolicLink() && e.name.endsWith('.hbs')) {
        // A link is followed only to a file inside the same bounds; links to folders are not walked.
        let target: string;
        try {
          target = await realpath(path.join(layer.dir, child));
        } catch {
          continue; // a broken link is no template
        }
        if (!inside(target)) throw new InputError(`template ${path.join(layer.dir, child)} is a link out of ${layer.within}; refusing to read it`);
        if ((await stat(target)).isFile()) names.push(child);
      } else if (e.isFile() && e.name.endsWith('.hbs')) names.push(child);
    }
  };
  await walk('');
  return names.sort();
}
