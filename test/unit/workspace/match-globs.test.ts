import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../../src/workspace/match-globs.js';

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
