import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type { Ajv2020 as Ajv2020Type, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

/**
 * The only importer of ajv. Validators come precompiled from the build (see
 * src/build/compile-schemas.ts: generating them once saves every run the ~250 ms ajv spends
 * compiling); when that file is absent (running the TypeScript sources, as the unit tests do)
 * the same schemas are compiled here at first use. Both report issues in our own shape.
 */

export const SCHEMA_BASE = 'https://aims.dev/schema/v1/';
/** Written next to this module by the build. */
const COMPILED_MODULE = './compiled-schemas.cjs';

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
  /** The offending value, echoed in messages and used for suggestions. */
  data?: unknown;
  /** The `format` and first `examples` entry of the schema that failed, for the expected shape. */
  format?: string;
  example?: unknown;
}

export interface SchemaRegistry {
  /** Validates `data` against `<name>.schema.json`; an empty list means valid. */
  validate(name: string, data: unknown): readonly SchemaIssue[];
}

const require = createRequire(import.meta.url);
const AJV_OPTIONS = { allErrors: true, strict: true, verbose: true } as const;

/** The identifier a schema's validator is exported under in the compiled module: any-record → any_record. */
function exportName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

function newAjv(schemas: readonly object[], standalone: boolean): Ajv2020Type {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof Ajv2020Module;
  const { _ } = require('ajv') as typeof AjvModule;
  const formatsModule = require('ajv-formats') as { default: (ajv: Ajv2020Type) => unknown };
  const code = standalone ? { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } : {};
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code, schemas: [...schemas] });
  formatsModule.default(ajv);
  return ajv;
}

function loadCompiled(): Readonly<Record<string, ValidateFunction>> | undefined {
  try {
    return require(COMPILED_MODULE) as Record<string, ValidateFunction>;
  } catch {
    return undefined;
  }
}

export function createSchemaRegistry(schemas: readonly object[]): SchemaRegistry {
  const precompiled = loadCompiled();
  let ajv: Ajv2020Type | undefined;
  const compiled = new Map<string, ValidateFunction>();
  const validator = (name: string): ValidateFunction => {
    let fn = compiled.get(name) ?? precompiled?.[exportName(name)];
    if (!fn) {
      ajv ??= newAjv(schemas, false);
      fn = ajv.getSchema(`${SCHEMA_BASE}${name}.schema.json`);
      if (!fn) throw new Error(`no schema named ${name}`);
    }
    compiled.set(name, fn);
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

/** CommonJS source of every schema's validator, for the build to write next to this module. */
export function compileStandalone(schemas: readonly object[]): string {
  const { default: standaloneCode } = require('ajv/dist/standalone/index.js') as { default: (ajv: Ajv2020Type, refs: Record<string, string>) => string };
  const ajv = newAjv(schemas, true);
  const refs: Record<string, string> = {};
  for (const schema of schemas) {
    const id = (schema as { $id?: string }).$id;
    if (id?.startsWith(SCHEMA_BASE)) refs[exportName(id.slice(SCHEMA_BASE.length).replace(/\.schema\.json$/, ''))] = id;
  }
  return standaloneCode(ajv, refs);
}

export { COMPILED_MODULE };

function toIssue(error: ErrorObject): SchemaIssue {
  const issue: SchemaIssue = {
    keyword: error.keyword,
    instancePath: error.instancePath,
    params: error.params as Record<string, unknown>,
    message: error.message ?? error.keyword,
  };
  issue.data = error.data;
  const parent = error.parentSchema as { properties?: Record<string, unknown>; format?: unknown; examples?: unknown } | undefined;
  if (typeof parent?.format === 'string') issue.format = parent.format;
  if (Array.isArray(parent?.examples) && parent.examples.length > 0) issue.example = parent.examples[0];
  if (error.keyword === 'additionalProperties' && parent?.properties) {
    issue.allowedProperties = Object.keys(parent.properties);
  }
  if (error.keyword === 'anyOf' && Array.isArray(error.schema)) {
    issue.anyOfTypes = (error.schema as { type?: unknown }[]).map((branch) => (typeof branch.type === 'string' ? branch.type : 'value'));
  }
  return issue;
}
