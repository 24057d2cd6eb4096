/**
 * Text from a repository (values, file names, messages quoting them) shown in a terminal or a
 * CI log: control characters (C0, DEL, C1, so ESC and every ANSI/OSC sequence) and the bidi
 * overrides that reorder what a reader sees become visible escapes, so that no value can move
 * the cursor, recolour, retitle, start a line of its own (a `::error` workflow command) or hide text.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

export function hasControls(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** A value echoed in a message: escaped, and cut to `max` characters so a megabyte value is not repeated whole. */
export function shortValue(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString('en')} characters)` : text;
  return escapeControls(cut);
}

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, '0');
}
