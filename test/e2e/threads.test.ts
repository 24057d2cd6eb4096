import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/run.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

describe('validation on worker threads (the built binary)', () => {
  it.each(['acme', 'broken'])('gives byte-identical output on one thread and on three, for examples/%s', (example) => {
    const one = runBin(['validate', `${EXAMPLES}${example}`, '--format', 'json'], EXAMPLES, { AIMS_THREADS: '1' });
    const three = runBin(['validate', `${EXAMPLES}${example}`, '--format', 'json'], EXAMPLES, { AIMS_THREADS: '3' });
    expect(three.stderr).toBe(one.stderr);
    expect(three.code).toBe(one.code);
    expect(three.stdout).toBe(one.stdout);
    expect((JSON.parse(one.stdout) as { summary: { records: number } }).summary.records).toBeGreaterThan(0);
  });
});
