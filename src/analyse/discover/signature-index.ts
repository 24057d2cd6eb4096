import type { Ecosystem, Language, Signature } from '../../model/discover.js';
import { compileHost, hostHint, type HostPattern } from './hosts.js';

/** Signatures arranged for lookup: by package name per ecosystem, import prefix per language, host, extension. */
export interface SignatureIndex {
  signatures: ReadonlyMap<string, Signature>;
  packages: ReadonlyMap<Ecosystem, ReadonlyMap<string, Signature>>;
  /** Maven `group:*` entries, by group. */
  mavenGroups: ReadonlyMap<string, Signature>;
  imports: ReadonlyMap<Language, readonly (readonly [string, Signature])[]>;
  hosts: readonly HostPattern<Signature>[];
  /** Whether a text may hold a host at all (see hostHint); undefined when there are no host patterns. */
  hostHint?: RegExp;
  extensions: ReadonlyMap<string, readonly Signature[]>;
}

/** Package names compared as each ecosystem's tools compare them. */
export function normalisePackage(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'pypi':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'cargo':
      return name.toLowerCase().replace(/_/g, '-');
    case 'nuget':
    case 'gem':
      return name.toLowerCase();
    default:
      return name;
  }
}

export function buildSignatureIndex(signatures: readonly Signature[]): SignatureIndex {
  const packages = new Map<Ecosystem, Map<string, Signature>>();
  const mavenGroups = new Map<string, Signature>();
  const imports = new Map<Language, [string, Signature][]>();
  const hosts: HostPattern<Signature>[] = [];
  const extensions = new Map<string, Signature[]>();
  for (const s of signatures) {
    for (const [eco, names] of Object.entries(s.packages) as [Ecosystem, readonly string[]][]) {
      let map = packages.get(eco);
      if (!map) packages.set(eco, (map = new Map<string, Signature>()));
      for (const name of names) {
        if (eco === 'maven' && name.endsWith(':*')) mavenGroups.set(name.slice(0, -2), s);
        else map.set(normalisePackage(eco, name), s);
      }
    }
    for (const [lang, names] of Object.entries(s.imports) as [Language, readonly string[]][]) {
      let list = imports.get(lang);
      if (!list) imports.set(lang, (list = []));
      for (const name of names) list.push([name, s]);
    }
    for (const host of s.hosts) hosts.push(compileHost(host, s));
    for (const ext of s.files?.extensions ?? []) {
      const list = extensions.get(ext);
      if (list) list.push(s);
      else extensions.set(ext, [s]);
    }
  }
  const hint = hostHint(hosts);
  return { signatures: new Map(signatures.map((s) => [s.id, s])), packages, mavenGroups, imports, hosts, extensions, ...(hint ? { hostHint: hint } : {}) };
}

export function packageSignature(index: SignatureIndex, ecosystem: Ecosystem, name: string): Signature | undefined {
  const exact = index.packages.get(ecosystem)?.get(normalisePackage(ecosystem, name));
  if (exact) return exact;
  if (ecosystem === 'maven') return index.mavenGroups.get(name.slice(0, name.indexOf(':')));
  if (ecosystem === 'go') {
    // A major-version suffix (…/v2) is the same module.
    const base = name.replace(/\/v\d+$/, '');
    return base === name ? undefined : index.packages.get('go')?.get(base);
  }
  return undefined;
}

const SEPARATORS: Record<Language, string> = { python: '.', javascript: '', go: '/', java: '.', ruby: '', rust: '', csharp: '.' };

/** The signature an imported module belongs to: the name itself or one of its submodules. */
export function importSignature(index: SignatureIndex, language: Language, module: string): Signature | undefined {
  const sep = SEPARATORS[language];
  for (const [name, s] of index.imports.get(language) ?? []) {
    if (module === name || (sep !== '' && module.startsWith(name + sep))) return s;
  }
  return undefined;
}
