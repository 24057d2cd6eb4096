import type { AimsConfig } from '../model/config.js';
import type { DiffResult, FieldChange, RecordChange, StatusChange } from '../model/diff.js';
import type { GapResult } from '../model/gap.js';
import type { AimsRecord } from '../model/record.js';
import { riskScore } from './risk-score.js';

export interface DiffSide {
  label: string;
  records: readonly AimsRecord[];
  config: AimsConfig;
  gaps: GapResult;
}

/** Two states of the AIMS → what changed between them. Pure. */
export function diffAims(from: DiffSide, to: DiffSide): DiffResult {
  const before = byId(from.records);
  const after = byId(to.records);
  const records: RecordChange[] = [];
  for (const [id, a] of before) {
    const b = after.get(id);
    if (!b) records.push({ id, kind: a.kind, change: 'removed', file: a.origin.file, fields: [] });
    else {
      const fields = diffFields(data(a), data(b));
      if (fields.length > 0 || a.kind !== b.kind) records.push({ id, kind: b.kind, change: 'modified', file: b.origin.file, fields });
    }
  }
  for (const [id, b] of after) {
    if (!before.has(id)) records.push({ id, kind: b.kind, change: 'added', file: b.origin.file, fields: [] });
  }
  records.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  return {
    from: from.label,
    to: to.label,
    asOf: to.gaps.asOf,
    records,
    highlights: {
      risksCrossed: risksCrossed(before, after, from.config, to.config),
      controls: controlChanges(from.gaps, to.gaps),
      nonconformities: nonconformityChanges(before, after),
    },
    gap: {
      clauses: statusChanges(from.gaps.clauses.map((c) => [c.id, c.status]), to.gaps.clauses.map((c) => [c.id, c.status])),
      controls: statusChanges(
        from.gaps.controls.map((c) => [c.id, c.gap ? 'gap' : 'no gap']),
        to.gaps.controls.map((c) => [c.id, c.gap ? 'gap' : 'no gap']),
      ),
      readiness: { from: from.gaps.readiness.score, to: to.gaps.readiness.score },
    },
  };
}

function byId(records: readonly AimsRecord[]): Map<string, AimsRecord> {
  const map = new Map<string, AimsRecord>();
  for (const r of records) if (r.id !== undefined && !map.has(r.id)) map.set(r.id, r);
  return map;
}

/** The record's fields without where it came from. */
function data(record: AimsRecord): Record<string, unknown> {
  const { origin: _origin, ...rest } = record;
  return rest;
}

/**
 * Leaf-level changes. Objects are walked; lists of plain values are compared as a whole
 * (`systems: [A] → [A, B]`); lists of objects item by item (`findings[1].type`).
 */
export function diffFields(a: unknown, b: unknown, path = '', depth = 0): FieldChange[] {
  // Records are shallow; the bound only stops a broken document that aliases itself.
  if (depth < MAX_DIFF_DEPTH && isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffFields(a[k], b[k], path ? `${path}.${k}` : k, depth + 1));
  }
  if (depth < MAX_DIFF_DEPTH && Array.isArray(a) && Array.isArray(b) && (a.some(isObject) || b.some(isObject))) {
    const n = Math.max(a.length, b.length);
    const out: FieldChange[] = [];
    for (let i = 0; i < n; i++) out.push(...diffFields(a[i], b[i], `${path}[${i}]`, depth + 1));
    return out;
  }
  if (sameValue(a, b)) return [];
  const shown = (v: unknown): unknown => (depth >= MAX_DIFF_DEPTH && typeof v === 'object' && v !== null ? '(nested too deeply to show)' : (v ?? null));
  return [{ path, from: shown(a), to: shown(b) }];
}

const MAX_DIFF_DEPTH = 32;

function sameValue(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return a === b; // a circular value cannot be written out
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function risksCrossed(before: Map<string, AimsRecord>, after: Map<string, AimsRecord>, fromConfig: AimsConfig, toConfig: AimsConfig): DiffResult['highlights']['risksCrossed'] {
  const score = (r: AimsRecord | undefined, config: AimsConfig): number | null =>
    r?.kind === 'risk' ? (riskScore(config, r.likelihood, r.impact) ?? null) : null;
  const out: DiffResult['highlights']['risksCrossed'] = [];
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const id of ids) {
    const a = before.get(id);
    const b = after.get(id);
    if (a?.kind !== 'risk' && b?.kind !== 'risk') continue;
    const s1 = score(a, fromConfig);
    const s2 = score(b, toConfig);
    const above1 = s1 !== null && s1 > fromConfig.risk.acceptance;
    const above2 = s2 !== null && s2 > toConfig.risk.acceptance;
    if (above1 !== above2) out.push({ id, from: s1, to: s2, direction: above2 ? 'above' : 'below' });
  }
  return out;
}

function controlChanges(from: GapResult, to: GapResult): DiffResult['highlights']['controls'] {
  const before = new Map(from.controls.map((c) => [c.id, c]));
  return to.controls
    .filter((c) => {
      const b = before.get(c.id);
      return b && (b.decision !== c.decision || b.status !== c.status);
    })
    .map((c) => {
      const b = before.get(c.id) as NonNullable<ReturnType<typeof before.get>>;
      return { id: c.id, decision: { from: b.decision, to: c.decision }, status: { from: b.status, to: c.status } };
    });
}

function nonconformityChanges(before: Map<string, AimsRecord>, after: Map<string, AimsRecord>): { opened: string[]; closed: string[] } {
  const isOpen = (r: AimsRecord | undefined): boolean => r?.kind === 'nonconformity' && r.status !== 'closed';
  const isClosed = (r: AimsRecord | undefined): boolean => r?.kind === 'nonconformity' && r.status === 'closed';
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  return {
    opened: ids.filter((id) => isOpen(after.get(id)) && !isOpen(before.get(id))),
    closed: ids.filter((id) => isClosed(after.get(id)) && !isClosed(before.get(id))),
  };
}

function statusChanges(from: [string, string][], to: [string, string][]): StatusChange[] {
  const before = new Map(from);
  return to.filter(([id, status]) => before.has(id) && before.get(id) !== status).map(([id, status]) => ({ id, from: before.get(id) as string, to: status }));
}
