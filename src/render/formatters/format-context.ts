import type { LocatedDiagnostic } from '../../model/diagnostic.js';
import type { ValidationSummary } from '../../validate/validate.js';

export interface FormatInput {
  diagnostics: readonly LocatedDiagnostic[];
  summary: ValidationSummary;
}

export interface FormatContext {
  /** Decided by the CLI from the terminal, NO_COLOR/FORCE_COLOR and --color/--no-color. */
  color: boolean;
  toolVersion: string;
}

/** A formatter is pure: validation results in, text out. It never prints. */
export type Formatter = (input: FormatInput, context: FormatContext) => string;
