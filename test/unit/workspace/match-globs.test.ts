import { describe, expect, it } from 'vitest';
import { excludedFolders, globBases, globMatcher, globsName } from '../../../src/workspace/match-globs.js';

describe('globMatcher', () => {
  it('matches any of several globs against repository-relative paths', () => {
    const match = globMatcher(['aims/**/*.yaml', 'aims/**/*.yml']);
    expect(match('aims/scope.yaml')).toBe(true);
    expect(match('aims/risks/deep/r.yml')).toBe(true);
    expect(match('aims/notes.md')).toBe(false);
    expect(match('other/aims/x.yaml')).toBe(false);
  });

  it('does not match dot-folders unless a glob names them', () => {
    expect(globMatcher(['**/*.yaml'])('.github/workflows/ci.yaml')).toBe(false);
    expect(globMatcher(['.github/**/*.yaml'])('.github/workflows/ci.yaml')).toBe(true);
  });

  it('matches nothing for an empty list', () => {
    expect(globMatcher([])('aims/scope.yaml')).toBe(false);
  });
});

describe('negated globs and named folders', () => {
  it('a glob starting with ! subtracts from the others', () => {
    const match = globMatcher(['aims/**/*.yaml', '!aims/drafts/**']);
    expect(match('aims/risks/r.yaml')).toBe(true);
    expect(match('aims/drafts/r.yaml')).toBe(false);
    expect(match('other/x.yaml')).toBe(false);
    expect(globMatcher(['!aims/drafts/**'])('aims/risks/r.yaml')).toBe(false);
  });

  it('knows when a glob names a folder, and where each glob starts', () => {
    expect(globsName(['vendor/node_modules/aims/*.yaml'], 'node_modules')).toBe(true);
    expect(globsName(['aims/**/*.yaml', '!node_modules/**'], 'node_modules')).toBe(false);
    expect(globBases(['aims/**/*.yaml', 'governance/risks/*.yml', '**/*.yaml', '!aims/x/**'])).toEqual(['aims', 'governance/risks', '']);
  });
});

describe('excludedFolders', () => {
  it('names the folders a negated glob excludes whole, and no others', () => {
    expect(excludedFolders(['aims/**/*.yaml', '!aims/drafts/**', '!aims/**/old/**', '!aims/x/*.yaml', '!**', 'aims/keep/**'])).toEqual(['aims/drafts']);
  });
});
