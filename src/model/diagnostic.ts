/** Diagnostics: the one shape for every problem aims reports, from a YAML typo to a missing control. */
import type { RuleId, Severity } from './codes.js';

export type { Severity } from './codes.js';

/** 1-based, as editors and CI print them; columns count JavaScript string characters. */
export interface Position {
  line: number;
  column: number;
}

/** A structural address, resolved to a position by `locate` once, at the end of validation. */
export interface Location {
  /** Repository-relative, forward slashes. "." is the repository itself. */
  file: string;
  /** Index within a YAML stream. */
  document?: number;
  /** RFC 6901 pointer inside that document. */
  pointer?: string;
  /** Point at the key ("unknown field") or the value (default). */
  target?: 'key' | 'value';
  /** Filled by locate(), or directly when the position is known (syntax errors). */
  position?: Position;
}

export interface Diagnostic {
  rule: RuleId;
  severity: Severity;
  message: string;
  location: Location;
  /** The next step for the user, when there is a useful one. */
  hint?: string;
  /** Another place the message is about ("also defined at …"), appended once positions are known. */
  related?: { label: string; location: Location };
}

/** A diagnostic whose position is known: what formatters receive. */
export interface LocatedDiagnostic extends Diagnostic {
  location: Location & { position: Position };
}

export function compareDiagnostics(a: LocatedDiagnostic, b: LocatedDiagnostic): number {
  const fa = a.location.file;
  const fb = b.location.file;
  if (fa !== fb) return fa < fb ? -1 : 1;
  const pa = a.location.position;
  const pb = b.location.position;
  if (pa.line !== pb.line) return pa.line - pb.line;
  if (pa.column !== pb.column) return pa.column - pb.column;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export interface DiagnosticCounts {
  errors: number;
  warnings: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
