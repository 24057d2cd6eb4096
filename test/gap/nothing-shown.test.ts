import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Document, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapResult } from '../../src/model/gap.js';
import { tempDir, writeFiles } from '../helpers/git-repo.js';
import { PROJECT_ROOT, runBin } from '../helpers/run.js';
import { analyse, ANNEX_A, completeSet, LEAF_CLAUSES } from './builders.js';

/**
 * False greens: nothing is met, and nothing counts toward readiness, without a record that
 * shows something. Tried on no records at all, on a fresh `aims init` scaffold and on
 * examples/acme with each record kind removed in turn.
 */

const AS_OF = '2026-11-26';
const ACME = path.join(PROJECT_ROOT, 'examples', 'acme');

/** The parts of `aims gap --format json` read here (its `readiness` is the bare score). */
interface Json extends Pick<GapResult, 'readinessDetail' | 'clauses' | 'controls' | 'phases'> {
  readiness: number;
}

function gapJson(dir: string): Json {
  const run = runBin(['gap', '.', '--as-of', AS_OF, '--format', 'json'], dir);
  expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  return JSON.parse(run.stdout) as Json;
}

/** Clause and control ids that are met / without a gap. */
function green(r: { clauses: readonly { id: string; status: string }[]; controls: readonly { id: string; gap: boolean }[] }): string[] {
  return [...r.clauses.filter((c) => c.status === 'met').map((c) => c.id), ...r.controls.filter((c) => !c.gap).map((c) => c.id)];
}

describe('nothing is met without a record that shows something', () => {
  it('no records at all: no clause met, no control without a gap, readiness 0 in every phase', () => {
    const set = completeSet();
    set.records = [];
    const r = analyse(set);
    expect(green(r)).toEqual([]);
    expect(r.readiness.score).toBe(0);
    expect(r.readinessDetail.points).toBe(0);
    expect(r.phases.map((p) => [p.id, p.readiness])).toEqual(r.phases.map((p) => [p.id, 0]));
  });

  it('a folder with only aims.yaml is records/none and exit 1, not a readiness', () => {
    const repo = tempDir('aims-nothing-');
    try {
      writeFiles(repo.dir, { 'aims.yaml': 'organisation: Nothing Ltd\n' });
      const run = runBin(['gap', '.', '--as-of', AS_OF, '--format', 'json'], repo.dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/\(records\/none\)/);
    } finally {
      repo.cleanup();
    }
  });

  describe('a fresh `aims init` scaffold', () => {
    let repo: { dir: string; cleanup: () => void };
    let scaffold: Json;
    beforeAll(() => {
      repo = tempDir('aims-nothing-init-');
      const init = runBin(['init', '.', '--organisation', 'Scaffold Ltd'], repo.dir);
      if (init.code !== 0) throw new Error(init.stderr);
      scaffold = gapJson(repo.dir);
    });
    afterAll(() => repo.cleanup());

    it('meets no clause and no control, and its scaffold text earns no point in any phase', () => {
      expect(green(scaffold)).toEqual([]);
      expect(scaffold.readiness).toBe(0);
      expect(scaffold.readinessDetail.points).toBe(0);
      expect(scaffold.phases.map((p) => [p.id, p.readiness])).toEqual(scaffold.phases.map((p) => [p.id, 0]));
      // The scaffold records are still the basis the findings point at.
      expect(scaffold.clauses.find((c) => c.id === '4.1')).toMatchObject({ status: 'partial', basis: [expect.objectContaining({ id: 'CTX-001', file: 'aims/context.yaml' })] });
    });

    it('replacing the scaffold text of one record earns credit again (no false red)', () => {
      const filled = tempDir('aims-nothing-filled-');
      try {
        cpSync(repo.dir, filled.dir, { recursive: true });
        const file = path.join(filled.dir, 'aims', 'context.yaml');
        const text = readFileSync(file, 'utf8')
          .replace(/- Replace with an internal issue.*/, '- Our data science team grows faster than its review capacity')
          .replace(/- Replace with an external issue.*/, '- The EU AI Act applies to our credit models from 2026')
          .replace(/- Replace with what they need.*/, '- Fair and explainable decisions on their applications');
        writeFileSync(file, text);
        const r = gapJson(filled.dir);
        expect(r.clauses.find((c) => c.id === '4.2')?.status).toBe('met');
        expect(r.readinessDetail.points).toBeGreaterThan(0);
        expect(r.readiness).toBeGreaterThan(scaffold.readiness);
      } finally {
        filled.cleanup();
      }
    });
  });

  describe('examples/acme with each record kind removed in turn', () => {
    /** What must not be met (clauses) or must be a gap (controls) once no record of the kind is left. */
    const DEPENDS: Readonly<Record<string, readonly string[]>> = {
      context: ['4.1', '4.2'],
      scope: ['4.3'],
      policy: ['5.2'],
      role: ['5.3', '7.3'],
      risk: ['6.1.2', '6.1.3', '8.2', '8.3'],
      assessment: ['6.1.4', '8.4'],
      system: ['6.1.4', '8.4'],
      objective: ['6.2', '9.1'],
      competence: ['7.2'],
      document: ['4.4', '5.1', '6.1.1', '6.3', '7.1', '7.4', '7.5.1', '7.5.2', '7.5.3', '8.1', '10.1'],
      audit: ['9.2.1', '9.2.2'],
      review: ['9.3.1', '9.3.2', '9.3.3'],
      control: ANNEX_A,
    };
    const RANK: Readonly<Record<string, number>> = { missing: 0, partial: 1, met: 2 };
    let base: Json;
    let kinds: string[];
    const work = tempDir('aims-nothing-acme-');
    beforeAll(() => {
      cpSync(ACME, path.join(work.dir, 'base'), { recursive: true });
      base = gapJson(path.join(work.dir, 'base'));
      kinds = [...new Set(recordFiles(path.join(ACME, 'aims')).flatMap((f) => docs(f).map((d) => kindOf(d))))].filter((k): k is string => k !== undefined).sort();
    });
    afterAll(() => work.cleanup());

    it('covers every kind acme has', () => {
      expect(kinds).toEqual(expect.arrayContaining(Object.keys(DEPENDS)));
    });

    it.each(Object.keys(DEPENDS).concat(['dataset', 'incident', 'nonconformity', 'supplier']))('without any %s record, nothing that rests on it is met and nothing turns greener', (kind) => {
      const dir = path.join(work.dir, kind);
      cpSync(ACME, dir, { recursive: true });
      for (const file of recordFiles(path.join(dir, 'aims'))) {
        const all = docs(file);
        const kept = all.filter((d) => kindOf(d) !== kind);
        if (kept.length === all.length) continue;
        if (kept.length === 0) rmSync(file);
        else writeFileSync(file, kept.map((d) => d.toString()).join('---\n'));
      }
      const r = gapJson(dir);
      const stillGreen = green(r);
      for (const id of DEPENDS[kind] ?? []) expect(stillGreen, `${id} without ${kind} records`).not.toContain(id);
      // Removing records never improves a verdict, nor the score.
      for (const c of r.clauses) {
        const before = base.clauses.find((b) => b.id === c.id)?.status ?? 'missing';
        expect(RANK[c.status], `${c.id}: ${before} → ${c.status} without ${kind} records`).toBeLessThanOrEqual(RANK[before] ?? 0);
      }
      for (const c of r.controls) if (!c.gap) expect(base.controls.find((b) => b.id === c.id)?.gap, `${c.id} without ${kind} records`).toBe(false);
      expect(r.readiness).toBeLessThanOrEqual(base.readiness);
    });
  });

  it('the leaf clauses and controls checked are all of them', () => {
    expect(LEAF_CLAUSES).toHaveLength(32);
    expect(ANNEX_A).toHaveLength(38);
  });
});

function recordFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? recordFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

function docs(file: string): Document[] {
  const parsed = parseAllDocuments(readFileSync(file, 'utf8'));
  return Array.isArray(parsed) ? parsed : [];
}

function kindOf(doc: Document): string | undefined {
  const data = doc.toJS() as { kind?: unknown } | null;
  return typeof data?.kind === 'string' ? data.kind : undefined;
}
