import { Chalk, type ChalkInstance } from 'chalk';

/** Terminal colours for the text formats (the one importer of chalk): plain text when `enabled` is false. */
export type Colours = ChalkInstance;

export function colours(enabled: boolean): Colours {
  return new Chalk({ level: enabled ? 1 : 0 });
}
