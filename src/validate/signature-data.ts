import { type Ecosystem, ECOSYSTEMS, type Language, LANGUAGES, type Signature, type SignatureCategory } from '../model/discover.js';

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

/** A signature as written (already valid against signatures.schema.json) → Signature. */
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

