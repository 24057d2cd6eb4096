import type { LocatedDiagnostic } from '../model/diagnostic.js';
import { InputError } from '../model/errors.js';

/**
 * Baselines for gradual adoption: record today's findings, then report only new ones. A
 * finding is matched by rule, file, structural place (document and JSON pointer) and message,
 * not by line, so unrelated edits that shift lines do not resurrect it.
 */
export interface Baseline {
  tool: 'aims';
  version: 1;
  findings: { rule: string; file: string; document: number; pointer: string; message: string }[];
}

function key(f: { rule: string; file: string; document: number; pointer: string; message: string }): string {
  return [f.rule, f.file, f.document, f.pointer, f.message].join('\u0000');
}

function entry(d: LocatedDiagnostic): Baseline['findings'][number] {
  return { rule: d.rule, file: d.location.file, document: d.location.document ?? 0, pointer: d.location.pointer ?? '', message: d.message };
}

export function createBaseline(diagnostics: readonly LocatedDiagnostic[]): string {
  const findings = diagnostics.map(entry).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const baseline: Baseline = { tool: 'aims', version: 1, findings };
  return JSON.stringify(baseline, null, 2) + '\n';
}

export function parseBaseline(text: string, name: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(`${name} is not a baseline: it is not JSON`, 'create one with aims validate --write-baseline FILE');
  }
  const b = value as Partial<Baseline> | null;
  const wellFormed = (f: unknown): boolean => {
    const e = f as Record<string, unknown> | null;
    return typeof e === 'object' && e !== null && typeof e['rule'] === 'string' && typeof e['file'] === 'string' && typeof e['document'] === 'number' && typeof e['pointer'] === 'string' && typeof e['message'] === 'string';
  };
  if (!b || b.tool !== 'aims' || b.version !== 1 || !Array.isArray(b.findings) || !b.findings.every(wellFormed)) {
    throw new InputError(`${name} is not an aims baseline`, 'create one with aims validate --write-baseline FILE');
  }
  return b as Baseline;
}

/** Drops diagnostics the baseline already holds, each baseline entry matching at most one diagnostic. */
export function applyBaseline(diagnostics: readonly LocatedDiagnostic[], baseline: Baseline): { kept: LocatedDiagnostic[]; known: number } {
  const remaining = new Map<string, number>();
  for (const f of baseline.findings) remaining.set(key(f), (remaining.get(key(f)) ?? 0) + 1);
  const kept: LocatedDiagnostic[] = [];
  let known = 0;
  for (const d of diagnostics) {
    const k = key(entry(d));
    const n = remaining.get(k) ?? 0;
    if (n > 0) {
      remaining.set(k, n - 1);
      known++;
    } else {
      kept.push(d);
    }
  }
  return { kept, known };
}
