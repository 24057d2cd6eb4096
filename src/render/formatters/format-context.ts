import type { LocatedDiagnostic } from '../../model/diagnostic.js';
import type { ValidationSummary } from '../../validate/validate.js';

export interface FormatInput {
  diagnostics: readonly LocatedDiagnostic[];
  summary: ValidationSummary;
  /** Every record file checked (JUnit reports one test case per file, passing or not). */
  files: readonly string[];
}

export interface FormatContext {
  /** Decided by the CLI from the terminal, NO_COLOR/FORCE_COLOR and --color/--no-color. */
  color: boolean;
  toolVersion: string;
  /** Where rule documentation lives (SARIF helpUri). */
  rulesUrl: string;
  /** How a terminal user opens a repository-relative path from where they are (stylish); as is by default. */
  displayPath?: (file: string) => string;
}

/** A formatter is pure: validation results in, text out. It never prints. */
export type Formatter = (input: FormatInput, context: FormatContext) => string;
