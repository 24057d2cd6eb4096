import type { Signature } from '../model/discover.js';
import { InputError } from '../model/errors.js';
import type { SchemaRegistry } from './schema-registry.js';
import { fastParseStream } from '../load/fast-route.js';
import { type RawSignature, toSignature } from './signature-data.js';
import { parseYamlStream } from '../load/parse-yaml.js';

/**
 * A signatures file (YAML) → signatures. The built-in catalogue failing its schema is a bug;
 * an organisation's own file failing it is theirs to fix: both stop the run with one line.
 */
export function loadSignatures(path: string, text: string, schemas: SchemaRegistry): Signature[] {
  return parseSignatures(path, text, schemas).map(toSignature);
}

/** A signatures file (YAML) → its signatures as written, checked against signatures.schema.json (see loadSignatures). */
export function parseSignatures(path: string, text: string, schemas: SchemaRegistry): RawSignature[] {
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
  return (value as { signatures: RawSignature[] }).signatures;
}

/** Later lists win by id: an organisation can replace a built-in signature as well as add its own. */
export function mergeSignatures(...lists: readonly (readonly Signature[])[]): Signature[] {
  const byId = new Map<string, Signature>();
  for (const list of lists) for (const s of list) byId.set(s.id, s);
  return [...byId.values()];
}
