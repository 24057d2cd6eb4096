import { BUILT_CATALOGUE_FILE, BUILT_SIGNATURES_FILE, readBuiltData } from '../assets.js';
import type { Catalogue } from '../model/catalogue.js';
import type { Signature } from '../model/discover.js';
import { type CatalogueData, catalogueFromData } from '../validate/catalogue-data.js';
import { type RawSignature, toSignature } from '../validate/signature-data.js';

/**
 * The package's static data as the build converted it from YAML (src/build/convert-data.ts,
 * which checks it against its schema): read with JSON.parse, so `aims catalog` loads neither a
 * YAML parser nor the schema validators, and discover does not parse its signatures on each
 * run. Each is undefined when running the TypeScript sources, which have only the YAML (the
 * callers parse that).
 */

/** The ISO/IEC 42001 catalogue (schemas/catalogue/iso-42001.yaml). */
export function prebuiltCatalogue(): Catalogue | undefined {
  const data = readBuiltData(BUILT_CATALOGUE_FILE);
  return data === undefined ? undefined : catalogueFromData(data as CatalogueData, BUILT_CATALOGUE_FILE);
}

/** The built-in signatures of AI use (schemas/signatures/ai.yaml). */
export function prebuiltSignatures(): Signature[] | undefined {
  const data = readBuiltData(BUILT_SIGNATURES_FILE);
  return data === undefined ? undefined : (data as RawSignature[]).map(toSignature);
}
