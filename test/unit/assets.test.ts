import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_CATALOGUE_FILE, CATALOGUE_FILE, packageVersion, readBuiltData, readCatalogueText, readSchemas, SCHEMAS_DIR, TEMPLATES_DIR } from '../../src/assets.js';

describe('assets', () => {
  it('finds the package\'s schemas/ and templates/ folders', () => {
    expect(SCHEMAS_DIR.replace(/\\/g, '/')).toMatch(/\/schemas$/);
    expect(TEMPLATES_DIR.replace(/\\/g, '/')).toMatch(/\/templates$/);
    expect(CATALOGUE_FILE.replace(/\\/g, '/')).toMatch(/\/schemas\/catalogue\/iso-42001\.yaml$/);
  });

  it('reads every *.schema.json, parsed, sorted by file name', () => {
    const ids = readSchemas().map((s) => (s as { $id?: unknown }).$id);
    expect(ids).toHaveLength(23);
    expect(ids[0]).toBe('https://aims.dev/schema/v1/any-record.schema.json');
    expect(ids).toContain('https://aims.dev/schema/v1/record.schema.json');
  });

  it('reads the catalogue text as it is on disk', () => {
    expect(readCatalogueText()).toBe(readFileSync(CATALOGUE_FILE, 'utf8'));
  });

  it('reads built data as JSON, and nothing (not an error) where there is no build, as for the sources', () => {
    expect(readBuiltData(BUILT_CATALOGUE_FILE)).toBeUndefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'aims-assets-'));
    try {
      writeFileSync(path.join(dir, 'data.json'), '{"id":"x"}');
      expect(readBuiltData(path.join(dir, 'data.json'))).toEqual({ id: 'x' });
      expect(() => readBuiltData(dir)).toThrow(/EISDIR/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(packageVersion()).toBe(pkg.version);
  });
});
