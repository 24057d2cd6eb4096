import { BUILT_CATALOGUE_FILE, readBuiltCatalogue } from '../assets.js';
import type { Catalogue } from '../model/catalogue.js';
import { type CatalogueData, catalogueFromData } from '../validate/catalogue-data.js';

let prebuilt: Catalogue | undefined;

/**
 * The built-in catalogue from the JSON the build converted from its YAML (checked against its
 * schema there): read with JSON.parse, so `aims catalog` loads neither a YAML parser nor the
 * schema validators. Undefined when running the TypeScript sources, which have only the YAML
 * (loadEngine parses that).
 */
export function prebuiltCatalogue(): Catalogue | undefined {
  if (prebuilt) return prebuilt;
  const data = readBuiltCatalogue();
  if (data !== undefined) prebuilt = catalogueFromData(data as CatalogueData, BUILT_CATALOGUE_FILE);
  return prebuilt;
}
