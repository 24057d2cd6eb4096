import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** The only importer of ajv: compiles the package's schemas once and reports issues in our own shape. */

export const SCHEMA_BASE = 'https://aims.dev/schema/v1/';

export interface SchemaIssue {
  keyword: string;
  /** JSON pointer of the offending value. */
  instancePath: string;
  params: Readonly<Record<string, unknown>>;
  /** For unknown fields: the names the schema allows at that place (for "did you mean"). */
  allowedProperties?: readonly string[];
  /** For anyOf: the types its branches accept. */
  anyOfTypes?: readonly string[];
  /** ajv's own sentence, as a fallback. */
  message: string;
}

export interface SchemaRegistry {
  /** Validates `data` against `<name>.schema.json`; an empty list means valid. */
  validate(name: string, data: unknown): readonly SchemaIssue[];
}

type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats)) satisfies AddFormats;

export function createSchemaRegistry(schemas: readonly object[]): SchemaRegistry {
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, schemas: [...schemas] });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (name: string): ValidateFunction => {
    let fn = compiled.get(name);
    if (!fn) {
      fn = ajv.getSchema(`${SCHEMA_BASE}${name}.schema.json`);
      if (!fn) throw new Error(`no schema named ${name}`);
      compiled.set(name, fn);
    }
    return fn;
  };
  return {
    validate(name, data) {
      const fn = validator(name);
      if (fn(data)) return [];
      return (fn.errors ?? []).map(toIssue);
    },
  };
}

function toIssue(error: ErrorObject): SchemaIssue {
  const issue: SchemaIssue = {
    keyword: error.keyword,
    instancePath: error.instancePath,
    params: error.params as Record<string, unknown>,
    message: error.message ?? error.keyword,
  };
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  if (error.keyword === 'additionalProperties' && parent?.properties) {
    issue.allowedProperties = Object.keys(parent.properties);
  }
  if (error.keyword === 'anyOf' && Array.isArray(error.schema)) {
    issue.anyOfTypes = (error.schema as { type?: unknown }[]).map((branch) => String(branch.type ?? 'value'));
  }
  return issue;
}
