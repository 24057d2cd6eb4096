import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseWording, type Wording } from './model/wording.js';

/**
 * The single place that knows where the package's own data lives (schemas/, templates/),
 * resolved from this file's location so it works from a clone, an npm install or npx.
 */
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const SCHEMAS_DIR = `${PACKAGE_ROOT}schemas`;
export const TEMPLATES_DIR = `${PACKAGE_ROOT}templates`;
export const CATALOGUE_FILE = `${SCHEMAS_DIR}/catalogue/iso-42001.yaml`;
export const WORDING_FILE = `${SCHEMAS_DIR}/wording.json`;
/** The built-in signatures of AI use for `aims discover`. */
export const SIGNATURES_FILE = `${SCHEMAS_DIR}/signatures/ai.yaml`;
/**
 * What the build converts from the YAML data above (src/build/convert-data.ts), next to the
 * compiled modules: dist/data/ in the package; absent when running the TypeScript sources.
 */
export const BUILT_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));
export const BUILT_CATALOGUE_FILE = `${BUILT_DATA_DIR}iso-42001.json`;
export const BUILT_SIGNATURES_FILE = `${BUILT_DATA_DIR}signatures-ai.json`;

/** Every JSON Schema the package ships, as text by file name (what `aims schema --write` copies). */
export function readSchemaTexts(): Map<string, string> {
  const names = readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.schema.json')).sort();
  return new Map(names.map((name) => [name, readFileSync(`${SCHEMAS_DIR}/${name}`, 'utf8')]));
}

/** Every JSON Schema the package ships, parsed. */
export function readSchemas(): object[] {
  return [...readSchemaTexts().values()].map((text) => JSON.parse(text) as object);
}

export function readCatalogueText(): string {
  return readFileSync(CATALOGUE_FILE, 'utf8');
}

/** A BUILT_* file parsed, or undefined when there is no build (the TypeScript sources). */
export function readBuiltData(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text);
}

/** The phrases that say nothing (schemas/wording.json). */
export function readWording(): Wording {
  return parseWording(JSON.parse(readFileSync(WORDING_FILE, 'utf8')));
}

export function readSignaturesText(): string {
  return readFileSync(SIGNATURES_FILE, 'utf8');
}

interface PackageJson {
  version: string;
  homepage?: string;
}

let pkg: PackageJson | undefined;
function packageJson(): PackageJson {
  pkg ??= JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as PackageJson;
  return pkg;
}

export function packageVersion(): string {
  return packageJson().version;
}

/** The project's home page; the README's rule reference hangs off it. */
export function packageHomepage(): string {
  return packageJson().homepage ?? 'https://github.com/aims-as-code/aims';
}
