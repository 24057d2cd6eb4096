import { describe, expect, it } from 'vitest';
import { VALIDATE_FORMATS } from '../../../src/cli/choices.js';
import { formatters } from '../../../src/render/formatters/index.js';

describe('cli choices', () => {
  it('offers exactly the registered validate formatters, in registry order', () => {
    expect([...VALIDATE_FORMATS]).toEqual(Object.keys(formatters));
  });
});
