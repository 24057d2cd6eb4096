import type { Formatter } from './format-context.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export type { FormatContext, FormatInput, Formatter } from './format-context.js';

/** The registry drives the CLI: `--format` accepts exactly these names. */
export const formatters = { stylish, json, sarif, junit, github, markdown } as const satisfies Record<string, Formatter>;
export type FormatName = keyof typeof formatters;

export function isFormatName(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(formatters, name);
}
