import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMAS_DIR } from '../../src/assets.js';
import { DEFAULT_CONFIG, REVIEW_CYCLE_KINDS } from '../../src/model/config.js';
import { RECORD_KINDS } from '../../src/model/record.js';
import { SCHEMA_BASE } from '../../src/validate/schema-registry.js';

/** The JSON files under schemas/, read directly (not through assets.ts) so the test sees the files themselves. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readSchema(name: string): JsonObject {
  const value = JSON.parse(readFileSync(`${SCHEMAS_DIR}/${name}`, 'utf8')) as Json;
  if (!isObject(value)) throw new Error(`${name} is not a JSON object`);
  return value;
}

function get(value: Json | undefined, ...path: string[]): Json | undefined {
  let current = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
}

/**
 * Every place in a schema that describes a value a user writes: each property (at every depth,
 * inside $defs too), and with `strict`, each list item schema and anyOf/oneOf branch as well.
 */
function undescribed(schema: Json, path: string, strict: boolean, out: string[] = []): string[] {
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => undescribed(s, `${path}/${i}`, strict, out));
    return out;
  }
  if (!isObject(schema)) return out;
  for (const group of ['properties', 'patternProperties', '$defs']) {
    const members = schema[group];
    if (!isObject(members)) continue;
    for (const [name, sub] of Object.entries(members)) {
      const where = `${path}/${group}/${name}`;
      if (group !== '$defs' && !(isObject(sub) && typeof sub['description'] === 'string' && sub['description'].trim() !== '')) out.push(where);
      undescribed(sub, where, strict, out);
    }
  }
  const nested: [string, Json | undefined][] = [
    ['items', schema['items']],
    ['additionalProperties', schema['additionalProperties']],
    ...(['anyOf', 'oneOf', 'allOf'] as const).flatMap((k): [string, Json][] => {
      const branches = schema[k];
      return Array.isArray(branches) ? branches.map((b, i): [string, Json] => [`${k}/${i}`, b]) : [];
    }),
  ];
  for (const [key, sub] of nested) {
    if (!isObject(sub)) continue;
    if (strict && key !== 'additionalProperties' && typeof sub['description'] !== 'string') out.push(`${path}/${key}`);
    undescribed(sub, `${path}/${key}`, strict, out);
  }
  return out;
}

const SCHEMA_FILES = readdirSync(SCHEMAS_DIR).filter((n) => n.endsWith('.schema.json')).sort();

describe('schemas/', () => {
  it('holds a schema for each of the 17 record kinds, plus record, any-record, config, catalogue, pack-manifest and signatures, and nothing else', () => {
    expect(RECORD_KINDS).toHaveLength(17);
    expect(SCHEMA_FILES).toEqual(
      [...RECORD_KINDS.map((k) => `${k}.schema.json`), 'record.schema.json', 'any-record.schema.json', 'config.schema.json', 'catalogue.schema.json', 'pack-manifest.schema.json', 'signatures.schema.json'].sort(),
    );
  });

  it.each(SCHEMA_FILES)('%s has its $id under https://aims.dev/schema/v1/, draft 2020-12, a title and a description', (name) => {
    const schema = readSchema(name);
    expect(SCHEMA_BASE).toBe('https://aims.dev/schema/v1/');
    expect(schema['$id']).toBe(`https://aims.dev/schema/v1/${name}`);
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof schema['title'] === 'string' && schema['title'].length > 0).toBe(true);
    expect(typeof schema['description'] === 'string' && schema['description'].length > 0).toBe(true);
  });

  it.each(SCHEMA_FILES)('%s describes every property at every depth', (name) => {
    // Record and config schemas also describe every list item and every anyOf/oneOf branch.
    const strict = name !== 'catalogue.schema.json';
    expect(undescribed(readSchema(name), name, strict)).toEqual([]);
  });

  it('the walk finds a missing description deep inside a schema (it can fail)', () => {
    const schema: Json = {
      properties: {
        a: { description: 'ok', type: 'object', properties: { b: { type: 'array', items: { type: 'object', properties: { c: { type: 'string' } } } } } },
      },
    };
    expect(undescribed(schema, 's', false)).toEqual(['s/properties/a/properties/b', 's/properties/a/properties/b/items/properties/c']);
    expect(undescribed(schema, 's', true)).toContain('s/properties/a/properties/b/items');
  });

  it.each(RECORD_KINDS)('%s.schema.json fixes `kind`, requires kind, id and title, and rejects unknown fields except x-', (kind) => {
    const schema = readSchema(`${kind}.schema.json`);
    expect(schema['type']).toBe('object');
    expect(get(schema, 'properties', 'kind', 'const')).toBe(kind);
    const required = schema['required'];
    expect(Array.isArray(required) ? required.slice(0, 3) : required).toEqual(['kind', 'id', 'title']);
    expect(schema['additionalProperties']).toBe(false);
    expect(Object.keys(get(schema, 'patternProperties') as JsonObject)).toEqual(['^x-']);
    for (const common of ['id', 'title', 'owner', 'evidence', 'clauses', 'updated']) {
      expect(get(schema, 'properties', common), `${kind}.${common}`).toBeDefined();
    }
  });
});

describe('config.schema.json defaults', () => {
  const config = readSchema('config.schema.json');
  const prop = (...path: string[]): Json | undefined => get(config, 'properties', ...path);

  it('match DEFAULT_CONFIG.records', () => {
    expect(prop('records', 'default')).toEqual([...DEFAULT_CONFIG.records]);
  });

  it('match DEFAULT_CONFIG.reviewCycles, both the object default and each key', () => {
    expect(prop('review_cycles', 'default')).toEqual({ ...DEFAULT_CONFIG.reviewCycles });
    expect(Object.keys(get(prop('review_cycles'), 'properties') as JsonObject).sort()).toEqual([...REVIEW_CYCLE_KINDS].sort());
    for (const kind of REVIEW_CYCLE_KINDS) {
      expect(prop('review_cycles', 'properties', kind, 'default'), kind).toBe(DEFAULT_CONFIG.reviewCycles[kind]);
    }
  });

  it('match DEFAULT_CONFIG.risk: scales and acceptance', () => {
    expect(prop('risk', 'default')).toEqual({
      likelihood: [...DEFAULT_CONFIG.risk.likelihood],
      impact: [...DEFAULT_CONFIG.risk.impact],
      acceptance: DEFAULT_CONFIG.risk.acceptance,
    });
    expect(prop('risk', 'properties', 'likelihood', 'default')).toEqual([...DEFAULT_CONFIG.risk.likelihood]);
    expect(prop('risk', 'properties', 'impact', 'default')).toEqual([...DEFAULT_CONFIG.risk.impact]);
    expect(prop('risk', 'properties', 'acceptance', 'default')).toBe(DEFAULT_CONFIG.risk.acceptance);
  });

  it('match DEFAULT_CONFIG.maxFileSize and templates', () => {
    expect(prop('max_file_size', 'default')).toBe(DEFAULT_CONFIG.maxFileSize);
    expect(prop('templates', 'default')).toBe(DEFAULT_CONFIG.templates);
    expect(prop('max_evidence_size', 'default')).toBe(DEFAULT_CONFIG.maxEvidenceSize);
  });

  it('cover every key of the config schema that has a default in DEFAULT_CONFIG', () => {
    const keys = Object.keys(get(config, 'properties') as JsonObject).sort();
    expect(keys).toEqual(['approvals', 'discover', 'max_evidence_size', 'max_file_size', 'nonconformity', 'organisation', 'records', 'review_cycles', 'risk', 'templates']);
    expect(prop('approvals', 'properties', 'require_signed_commits', 'default')).toBe(DEFAULT_CONFIG.approvals.requireSignedCommits);
    expect(prop('nonconformity', 'default')).toEqual({ severities: [...DEFAULT_CONFIG.nonconformity.severities], blocking: [...DEFAULT_CONFIG.nonconformity.blocking] });
    expect(prop('nonconformity', 'properties', 'severities', 'default')).toEqual([...DEFAULT_CONFIG.nonconformity.severities]);
    expect(prop('nonconformity', 'properties', 'blocking', 'default')).toEqual([...DEFAULT_CONFIG.nonconformity.blocking]);
    expect(prop('discover', 'properties', 'paths', 'default')).toEqual([...DEFAULT_CONFIG.discover.paths]);
    expect(prop('discover', 'properties', 'include_vendored', 'default')).toBe(DEFAULT_CONFIG.discover.includeVendored);
    expect(prop('organisation', 'default')).toBeUndefined();
    expect(DEFAULT_CONFIG.organisation).toBeUndefined();
  });
});
