import { describe, expect, it } from 'vitest';
import { formatters, isFormatName } from '../../../../src/render/formatters/index.js';
import { json } from '../../../../src/render/formatters/json.js';
import { stylish } from '../../../../src/render/formatters/stylish.js';

describe('formatters registry', () => {
  it('holds the built-in formatters by name', () => {
    expect(Object.keys(formatters)).toEqual(expect.arrayContaining(['json', 'stylish']));
    expect(formatters.json).toBe(json);
    expect(formatters.stylish).toBe(stylish);
  });

  it('recognises only its own names, not inherited properties', () => {
    expect(isFormatName('json')).toBe(true);
    expect(isFormatName('stylish')).toBe(true);
    expect(isFormatName('sarif-ish')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName('__proto__')).toBe(false);
  });
});
