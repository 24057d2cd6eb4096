import { type Ecosystem, ECOSYSTEMS, type Language, LANGUAGES, type Signature, type SignatureCategory } from '../model/discover.js';
import { InputError } from '../model/errors.js';
import type { SchemaRegistry } from './schema-registry.js';
import { fastParseStream } from '../load/fast-route.js';
import { parseYamlStream } from '../load/parse-yaml.js';

/** A signature as written in YAML (signatures.schema.json#/$defs/signature). */
export interface RawSignature {
  id: string;
  name: string;
  provider?: string;
  category: SignatureCategory;
  hosted?: boolean;
  packages?: Partial<Record<Ecosystem, string[]>>;
  imports?: Partial<Record<Language, string[]>>;
  hosts?: string[];
  files?: { extensions: string[]; magic?: { offset?: number; hex: string }[] };
}

/**
 * A signatures file (YAML) → signatures. The built-in catalogue failing its schema is a bug;
 * an organisation's own file failing it is theirs to fix: both stop the run with one line.
 */
export function loadSignatures(path: string, text: string, schemas: SchemaRegistry): Signature[] {
  // The fast path reads a plain file (the built-in one is) in a fraction of the reference parser's time.
  const fast = fastParseStream(text);
  let value = fast?.[0]?.value;
  if (!fast) {
    const parsed = parseYamlStream(path, text);
    const syntax = parsed.diagnostics[0];
    if (syntax) throw new InputError(`${path}:${syntax.location.position?.line ?? 1}: ${syntax.message}`, 'fix the signatures file');
    value = parsed.documents[0]?.value;
  }
  const issue = schemas.validate('signatures', value)[0];
  if (issue || !value) {
    throw new InputError(`${path}: ${issue ? `${issue.instancePath || '/'} ${issue.message}` : 'the file is empty'}`, 'signatures files follow `aims schema signatures`');
  }
  return (value as { signatures: RawSignature[] }).signatures.map(toSignature);
}

export function toSignature(raw: RawSignature): Signature {
  const packages: Signature['packages'] = {};
  for (const eco of ECOSYSTEMS) if (raw.packages?.[eco]) packages[eco] = raw.packages[eco];
  const imports: Signature['imports'] = {};
  for (const lang of LANGUAGES) if (raw.imports?.[lang]) imports[lang] = raw.imports[lang];
  const signature: Signature = { id: raw.id, name: raw.name, category: raw.category, hosted: raw.hosted ?? false, packages, imports, hosts: raw.hosts ?? [] };
  if (raw.provider !== undefined) signature.provider = raw.provider;
  if (raw.files) {
    signature.files = {
      extensions: raw.files.extensions.map((e) => e.toLowerCase()),
      magic: (raw.files.magic ?? []).map((m) => ({ offset: m.offset ?? 0, bytes: (m.hex.match(/../g) ?? []).map((h) => parseInt(h, 16)) })),
    };
  }
  return signature;
}

/** Later lists win by id: an organisation can replace a built-in signature as well as add its own. */
export function mergeSignatures(...lists: readonly (readonly Signature[])[]): Signature[] {
  const byId = new Map<string, Signature>();
  for (const list of lists) for (const s of list) byId.set(s.id, s);
  return [...byId.values()];
}
