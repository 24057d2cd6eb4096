import type { Ecosystem } from '../../model/discover.js';
import { isPlainObject } from '../../load/normalise.js';
import { lineLocator } from './text-lines.js';
import { eachXmlTag, textAfter } from './xml-tags.js';

/** A dependency name as a manifest or lockfile writes it, and the line it is on. */
export interface DeclaredDependency {
  name: string;
  line: number;
}

export interface ManifestKind {
  ecosystem: Ecosystem;
  lockfile: boolean;
  /** `keep` says which names matter: only those are placed on a line (each costs a search of the text). */
  parse: (text: string, keep: (name: string) => boolean) => DeclaredDependency[];
}

/** The manifest or lockfile a file name denotes, if any: the names package managers use. */
export function manifestKind(path: string): ManifestKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  switch (name) {
    case 'package.json':
      return { ecosystem: 'npm', lockfile: false, parse: packageJson };
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return { ecosystem: 'npm', lockfile: true, parse: packageLock };
    case 'yarn.lock':
      return { ecosystem: 'npm', lockfile: true, parse: yarnLock };
    case 'pnpm-lock.yaml':
      return { ecosystem: 'npm', lockfile: true, parse: pnpmLock };
    case 'pyproject.toml':
      return { ecosystem: 'pypi', lockfile: false, parse: pyproject };
    case 'Pipfile':
      return { ecosystem: 'pypi', lockfile: false, parse: (t) => tomlTableKeys(t, (table) => table === 'packages' || table === 'dev-packages') };
    case 'Pipfile.lock':
      return { ecosystem: 'pypi', lockfile: true, parse: (t, keep) => jsonSectionKeys(t, ['default', 'develop'], keep) };
    case 'poetry.lock':
    case 'uv.lock':
    case 'pdm.lock':
      return { ecosystem: 'pypi', lockfile: true, parse: lockPackageNames };
    case 'go.mod':
      return { ecosystem: 'go', lockfile: false, parse: goMod };
    case 'pom.xml':
      return { ecosystem: 'maven', lockfile: false, parse: pomXml };
    case 'build.gradle':
    case 'build.gradle.kts':
    case 'libs.versions.toml':
      return { ecosystem: 'maven', lockfile: false, parse: gradle };
    case 'Gemfile':
      return { ecosystem: 'gem', lockfile: false, parse: gemfile };
    case 'Gemfile.lock':
      return { ecosystem: 'gem', lockfile: true, parse: (t) => matchAll(t, /^ {4}([A-Za-z0-9_.-]+) \(/gm) };
    case 'Cargo.toml':
      return { ecosystem: 'cargo', lockfile: false, parse: cargoToml };
    case 'Cargo.lock':
      return { ecosystem: 'cargo', lockfile: true, parse: lockPackageNames };
    case 'packages.config':
      return { ecosystem: 'nuget', lockfile: false, parse: (t) => xmlAttributes(t, (name) => name.toLowerCase() === 'package', /\bid[ \t\r\n]*=[ \t\r\n]*"([^"]+)"/i) };
    case 'Directory.Packages.props':
      return { ecosystem: 'nuget', lockfile: false, parse: nugetProject };
    default:
  }
  if (/^requirements.*\.(txt|in)$/.test(lower) || /^constraints.*\.txt$/.test(lower)) return { ecosystem: 'pypi', lockfile: false, parse: requirements };
  if (lower.endsWith('.gemspec')) return { ecosystem: 'gem', lockfile: false, parse: gemfile };
  if (/\.(cs|fs|vb)proj$/.test(lower)) return { ecosystem: 'nuget', lockfile: false, parse: nugetProject };
  return undefined;
}

function matchAll(text: string, re: RegExp, group = 1): DeclaredDependency[] {
  const line = lineLocator(text);
  const out: DeclaredDependency[] = [];
  for (const m of text.matchAll(re)) {
    const name = m[group];
    if (name) out.push({ name, line: line(m.index + m[0].indexOf(name)) });
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Names collected from parsed JSON, each placed on the first line where it is written as a key. */
function placeKeys(text: string, names: Iterable<string>, keep: (name: string) => boolean, keyFor: (name: string) => string[], from = 0): DeclaredDependency[] {
  const line = lineLocator(text);
  const out: DeclaredDependency[] = [];
  for (const name of new Set(names)) {
    if (!keep(name)) continue;
    let at = -1;
    for (const key of keyFor(name)) {
      at = text.indexOf(JSON.stringify(key), from);
      if (at !== -1) break;
    }
    out.push({ name, line: at === -1 ? 1 : line(at) });
  }
  return out;
}

const NPM_SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

function packageJson(text: string, keep: (name: string) => boolean): DeclaredDependency[] {
  const json = parseJson(text);
  if (!isPlainObject(json)) return [];
  // Each name is placed after its section's key, so a script of the same name is not its line.
  return NPM_SECTIONS.flatMap((section) => {
    const deps = json[section];
    return isPlainObject(deps) ? placeKeys(text, Object.keys(deps), keep, (n) => [n], Math.max(0, text.indexOf(`"${section}"`))) : [];
  });
}

function packageLock(text: string, keep: (name: string) => boolean): DeclaredDependency[] {
  const json = parseJson(text);
  if (!isPlainObject(json)) return [];
  const names: string[] = [];
  const packages = json['packages'];
  if (isPlainObject(packages)) {
    for (const key of Object.keys(packages)) {
      const at = key.lastIndexOf('node_modules/');
      if (at !== -1) names.push(key.slice(at + 'node_modules/'.length));
    }
  }
  // lockfileVersion 1: nested `dependencies` maps.
  const walk = (deps: unknown, depth: number): void => {
    if (!isPlainObject(deps) || depth > 64) return;
    for (const [name, value] of Object.entries(deps)) {
      names.push(name);
      if (isPlainObject(value)) walk(value['dependencies'], depth + 1);
    }
  };
  if (!isPlainObject(packages)) walk(json['dependencies'], 0);
  return placeKeys(text, names, keep, (n) => [`node_modules/${n}`, n]);
}

function yarnLock(text: string): DeclaredDependency[] {
  return matchAll(text, /^"?((?:@[^@"\s/]+\/)?[^@"\s/]+)@/gm);
}

function pnpmLock(text: string): DeclaredDependency[] {
  return matchAll(text, /^ {2}'?\/?((?:@[\w.-]+\/)?[\w.-]+)[@/]\d/gm);
}

function jsonSectionKeys(text: string, sections: readonly string[], keep: (name: string) => boolean): DeclaredDependency[] {
  const json = parseJson(text);
  if (!isPlainObject(json)) return [];
  const names = sections.flatMap((s) => (isPlainObject(json[s]) ? Object.keys(json[s]) : []));
  return placeKeys(text, names, keep, (n) => [n]);
}

/** The distribution name at the start of a PEP 508 requirement ("openai[async]>=1.0; python_version>'3.8'"). */
// Letters and digits, with `.`, `_` or `-` only between them: written so that each character can be read one way only (the fuzzer of the ReDoS test once read the looser form as quadratic).
const PEP508_NAME = /^\s*([A-Za-z0-9]+(?:[._-]+[A-Za-z0-9]+)*)\s*(?=$|[[<>=!~;@\s(,])/;

/** A line without its `#` comment: a `#` at the start or after a blank (not one inside a URL's fragment). */
function withoutComment(line: string): string {
  for (let at = line.indexOf('#'); at !== -1; at = line.indexOf('#', at + 1)) {
    const before = line[at - 1];
    if (before === undefined || before === ' ' || before === '\t') return line.slice(0, at);
  }
  return line;
}

function requirements(text: string): DeclaredDependency[] {
  const out: DeclaredDependency[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = withoutComment(raw);
    if (/^\s*-/.test(line)) return; // options: -r other.txt, -e git+https://…
    const m = PEP508_NAME.exec(line);
    if (m?.[1] && !line.includes('://')) out.push({ name: m[1], line: i + 1 });
  });
  return out;
}

/** TOML read line by line: enough for dependency tables and arrays, never evaluated. */
function eachTomlLine(text: string, visit: (table: string, line: string, index: number) => void): void {
  let table = '';
  text.split('\n').forEach((raw, i) => {
    const line = withoutComment(raw);
    const header = tomlHeader(line);
    if (header !== undefined) {
      table = header.replace(/["']/g, '');
      return;
    }
    visit(table, line, i);
  });
}

/** `[table]` or `[[array.of.tables]]`: the name inside, trimmed; undefined for any other line. */
function tomlHeader(line: string): string | undefined {
  let inner = line.trim();
  if (!inner.startsWith('[') || !inner.endsWith(']')) return undefined;
  inner = inner.slice(inner.startsWith('[[') ? 2 : 1, inner.endsWith(']]') ? -2 : -1).trim();
  return inner === '' || inner.includes(']') ? undefined : inner;
}

function tomlTableKeys(text: string, wanted: (table: string) => boolean): DeclaredDependency[] {
  const out: DeclaredDependency[] = [];
  eachTomlLine(text, (table, line, i) => {
    if (!wanted(table)) return;
    const m = /^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=/.exec(line);
    if (m?.[1]) out.push({ name: m[1], line: i + 1 });
  });
  return out;
}

function pyproject(text: string): DeclaredDependency[] {
  const out: DeclaredDependency[] = [];
  let inArray = false;
  eachTomlLine(text, (table, line, i) => {
    const poetry = /^tool\.poetry\.(?:group\.[^.]+\.)?(?:dev-)?dependencies$/.test(table);
    if (poetry) {
      const m = /^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=/.exec(line);
      if (m?.[1] && m[1] !== 'python') out.push({ name: m[1], line: i + 1 });
      return;
    }
    // PEP 621 `dependencies = [...]`, optional-dependencies and dependency-groups: quoted requirements in arrays.
    const arrays = table === 'project' || table === 'project.optional-dependencies' || table === 'dependency-groups';
    if (!arrays) {
      inArray = false;
      return;
    }
    let rest = line;
    if (!inArray) {
      const start = table === 'project' ? /^\s*dependencies\s*=\s*\[/.exec(line) : /^\s*["']?[\w.-]+["']?\s*=\s*\[/.exec(line);
      if (!start) return;
      inArray = true;
      rest = line.slice(start[0].length);
    }
    for (const m of rest.matchAll(/["']([^"']+)["']/g)) {
      const name = m[1] ? PEP508_NAME.exec(m[1])?.[1] : undefined;
      if (name) out.push({ name, line: i + 1 });
    }
    if (rest.includes(']')) inArray = false;
  });
  return out;
}

/** `[[package]]` tables with `name = "…"`: poetry.lock, uv.lock, pdm.lock, Cargo.lock. */
function lockPackageNames(text: string): DeclaredDependency[] {
  const out: DeclaredDependency[] = [];
  eachTomlLine(text, (table, line, i) => {
    if (table !== 'package') return;
    const m = /^name\s*=\s*"([^"]+)"/.exec(line);
    if (m?.[1]) out.push({ name: m[1], line: i + 1 });
  });
  return out;
}

function goMod(text: string): DeclaredDependency[] {
  const out: DeclaredDependency[] = [];
  let block = false;
  text.split('\n').forEach((raw, i) => {
    const comment = raw.indexOf('//');
    const line = comment === -1 ? raw : raw.slice(0, comment);
    if (block) {
      if (/^\s*\)/.test(line)) block = false;
      else {
        const m = /^\s*(\S+)\s+v\S+/.exec(line);
        if (m?.[1]) out.push({ name: m[1], line: i + 1 });
      }
      return;
    }
    if (/^\s*require\s*\(/.test(line)) block = true;
    const single = /^\s*require\s+(\S+)\s+v\S+/.exec(line);
    if (single?.[1]) out.push({ name: single[1], line: i + 1 });
  });
  return out;
}

function pomXml(text: string): DeclaredDependency[] {
  const line = lineLocator(text);
  const out: DeclaredDependency[] = [];
  let dependency: { group?: string; artifact?: { name: string; at: number } } | undefined;
  eachXmlTag(text, (tag, after) => {
    if (tag.name === 'dependency') {
      if (!tag.closing) dependency = {};
      else if (dependency?.group && dependency.artifact) out.push({ name: `${dependency.group}:${dependency.artifact.name}`, line: line(dependency.artifact.at) });
      if (tag.closing || tag.body.endsWith('/')) dependency = undefined;
      return;
    }
    if (!dependency || tag.closing || (tag.name !== 'groupId' && tag.name !== 'artifactId')) return;
    const value = textAfter(text, after).trim();
    if (value === '' || /\s/.test(value)) return;
    if (tag.name === 'groupId') dependency.group = value;
    else dependency.artifact = { name: value, at: tag.at };
  });
  return out;
}

function gradle(text: string): DeclaredDependency[] {
  const coordinates = matchAll(text, /["']([A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+)(?::[^"'\s]*)?["']/g);
  const line = lineLocator(text);
  const named = [...text.matchAll(/\bgroup\s*[:=]\s*["']([\w.-]+)["']\s*,\s*name\s*[:=]\s*["']([\w.-]+)["']/g)].map((m) => ({ name: `${m[1]}:${m[2]}`, line: line(m.index) }));
  return [...coordinates, ...named];
}

function gemfile(text: string): DeclaredDependency[] {
  return [
    ...matchAll(text, /^[ \t]*gem[ \t]*(?:\([ \t]*)?["']([^"'\n]+)["']/gm),
    ...matchAll(text, /\badd_(?:runtime_|development_)?dependency[ \t]*(?:\([ \t]*)?["']([^"'\n]+)["']/g),
  ];
}

function cargoToml(text: string): DeclaredDependency[] {
  const out: DeclaredDependency[] = [];
  const isDeps = (t: string): boolean => /(^|\.)(dev-|build-)?dependencies$/.test(t);
  let seenTable = '';
  eachTomlLine(text, (table, line, i) => {
    // [dependencies.async-openai] names the crate in the header.
    const sub = /^(?:.*\.)?(?:dev-|build-)?dependencies\.([A-Za-z0-9_-]+)$/.exec(table);
    if (sub?.[1] && seenTable !== table) {
      seenTable = table;
      out.push({ name: sub[1], line: i });
      return;
    }
    if (!isDeps(table)) return;
    const m = /^\s*([A-Za-z0-9_-]+)\s*=/.exec(line);
    if (m?.[1]) out.push({ name: m[1], line: i + 1 });
  });
  return out;
}

function nugetProject(text: string): DeclaredDependency[] {
  const named = (name: string): boolean => ['packagereference', 'packageversion'].includes(name.toLowerCase());
  return xmlAttributes(text, named, /\b(?:Include|Update)[ \t\r\n]*=[ \t\r\n]*"([^"]+)"/i);
}

/** One attribute of every tag with a wanted name, placed on the tag's line. */
function xmlAttributes(text: string, wanted: (name: string) => boolean, attribute: RegExp): DeclaredDependency[] {
  const line = lineLocator(text);
  const out: DeclaredDependency[] = [];
  eachXmlTag(text, (tag) => {
    if (tag.closing || !wanted(tag.name)) return;
    const value = attribute.exec(tag.body)?.[1];
    if (value) out.push({ name: value, line: line(tag.at) });
  });
  return out;
}
