/**
 * A problem with how aims was asked to run (a missing root, a bad option value), as opposed to a
 * problem in the user's records (a Diagnostic) or a bug. The CLI prints it in one line, exit 2.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
