import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWording, WORDING_FILE } from '../../../src/assets.js';
import { isEmptyPhrase, isTrivial, meansEveryone, parseWording } from '../../../src/model/wording.js';

const wording = readWording();

describe('schemas/wording.json: the phrases that say nothing, kept as data', () => {
  it('holds the phrases the issue names, and a three-word minimum', () => {
    const data = JSON.parse(readFileSync(WORDING_FILE, 'utf8')) as { trivial: string[]; min_words: number };
    for (const phrase of ['n/a', 'na', 'none', '-', 'tbd', 'todo', 'not relevant', 'not applicable']) expect(data.trivial).toContain(phrase);
    expect(data.min_words).toBe(3);
  });

  it('refuses a file of the wrong shape', () => {
    expect(() => parseWording({ trivial: 'n/a', min_words: 3, everyone: [] })).toThrow(/wording\.json/);
    expect(() => parseWording(null)).toThrow(/wording\.json/);
  });
});

describe('isTrivial: a justification, decision, root cause or reason that says nothing', () => {
  it.each(['n/a', 'N/A', ' TBD ', 'None.', 'not applicable', 'Not  Relevant', '-', '', 'In-house only', 'Human error'])('"%s" is trivial', (text) => {
    expect(isTrivial(wording, text)).toBe(true);
  });

  it('undefined is trivial; a sentence is not', () => {
    expect(isTrivial(wording, undefined)).toBe(true);
    expect(isTrivial(wording, 'No sign-off step in the template.')).toBe(false);
  });
});

describe('isEmptyPhrase: for short references such as a DPIA', () => {
  it('counts a path as something, and TBD as nothing', () => {
    expect(isEmptyPhrase(wording, 'evidence/dpia.md')).toBe(false);
    expect(isEmptyPhrase(wording, 'DPIA-7')).toBe(false);
    expect(isEmptyPhrase(wording, 'TODO')).toBe(true);
    expect(isEmptyPhrase(wording, '  ')).toBe(true);
  });
});

describe('meansEveryone', () => {
  it('reads "All staff" as everyone, and "Board" as not', () => {
    expect(meansEveryone(wording, 'All staff')).toBe(true);
    expect(meansEveryone(wording, 'the whole organisation')).toBe(true);
    expect(meansEveryone(wording, 'Board')).toBe(false);
  });
});
