import type { RecordKind } from './record.js';

/** What changed in the AIMS between two points: records, risk and control highlights, gap status. */

export interface FieldChange {
  /** Dotted path: `status`, `treatment.option`, `findings[0].type`. */
  path: string;
  from: unknown;
  to: unknown;
}

export interface RecordChange {
  id: string;
  kind: RecordKind;
  change: 'added' | 'removed' | 'modified';
  file: string;
  fields: FieldChange[];
}

export interface StatusChange {
  id: string;
  from: string;
  to: string;
}

export interface DiffResult {
  from: string;
  to: string;
  /** The date both sides were judged as of. */
  asOf: string;
  records: RecordChange[];
  highlights: {
    /** Risks whose score moved across the acceptance line (either way). */
    risksCrossed: { id: string; from: number | null; to: number | null; direction: 'above' | 'below' }[];
    /** Controls whose SoA decision or status changed. */
    controls: { id: string; decision: { from: string; to: string }; status: { from: string; to: string } }[];
    nonconformities: { opened: string[]; closed: string[] };
  };
  gap: {
    clauses: StatusChange[];
    controls: StatusChange[];
    readiness: { from: number; to: number };
  };
}
