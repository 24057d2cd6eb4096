import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TemplateSource } from '../model/template.js';

/**
 * Template sources by name, looked up one by one: an explicit --templates folder first, then
 * the repository's own templates folder, then the built-in ones. A user can so replace a single
 * partial (partials/header.hbs) without copying the rest.
 */
export async function readTemplates(layers: readonly { dir: string; builtIn: boolean }[]): Promise<Map<string, TemplateSource>> {
  const found = new Map<string, TemplateSource>();
  for (const layer of layers) {
    for (const name of await listTemplates(layer.dir)) {
      if (found.has(name)) continue;
      const origin = path.join(layer.dir, name);
      found.set(name, { name, source: await readFile(origin, 'utf8'), origin, builtIn: layer.builtIn });
    }
  }
  return found;
}

async function listTemplates(dir: string): Promise<string[]> {
  const names: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return; // no such folder: nothing to override
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile() && e.name.endsWith('.hbs')) names.push(child);
    }
  };
  await walk('');
  return names.sort();
}
