import type { Diagnostic } from '../model/diagnostic.js';
import type { ImportPlan } from './plan-import.js';

/**
 * Diagnostics of the planned records (checked with the AIMS before anything is written) →
 * the sheet rows and columns they come from, so the user fixes the spreadsheet, not YAML that
 * was never written. Pure.
 */

export interface RowProblem {
  /** 1-based sheet row (the header is row 1); undefined when the problem is not in one record. */
  row?: number;
  id: string;
  /** The column header the problem's field was read from, when one was. */
  column?: string;
  /** For a problem the new records cause in an existing file (a duplicate id): that file and line. */
  elsewhere?: string;
  severity: Diagnostic['severity'];
  rule: string;
  message: string;
}

/** `/treatment/controls/0` → the import field it was read from (`controls`). */
function fieldOf(pointer: string): string | undefined {
  const [first, second] = pointer.split('/').slice(1);
  if (first !== 'treatment') return first;
  return second === 'option' ? 'treatment' : second;
}

/** Each diagnostic in the planned file (by document) as a problem of its sheet row; others where they are. */
export function rowProblems(plan: ImportPlan, file: string, diagnostics: readonly Diagnostic[]): RowProblem[] {
  return diagnostics.map((d): RowProblem => {
    const common = { severity: d.severity, rule: d.rule, message: d.message + (d.hint ? ` (${d.hint})` : '') };
    // Elsewhere, or about the planned file as a whole (over max_file_size): no sheet row to name.
    if (d.location.file !== file || d.location.document === undefined) return { ...common, id: '', elsewhere: `${d.location.file}:${d.location.position?.line ?? 1}` };
    const index = d.location.document;
    const record = plan.records[index];
    const field = fieldOf(d.location.pointer ?? '');
    const column = field === undefined ? undefined : plan.columns[field];
    return {
      ...(plan.rows[index] !== undefined ? { row: plan.rows[index] } : {}),
      id: record?.id ?? '',
      ...(column ? { column } : {}),
      ...common,
    };
  });
}
