/**
 * Text from a repository (values, file names, messages quoting them) shown in a terminal or a
 * CI log: control characters (C0, DEL, C1, so ESC and every ANSI/OSC sequence) and the bidi
 * overrides that reorder what a reader sees become visible escapes, so that no value can move
 * the cursor, recolour, retitle, start a line of its own (a `::error` workflow command) or hide text.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** A value echoed in a message: escaped, and cut to `max` characters so a megabyte value is not repeated whole. */
export function shortValue(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString('en')} characters)` : text;
  return escapeControls(cut);
}

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, '0');
}

const MARKDOWN_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '[': '\\[', ']': '\\]', '|': '\\|', '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Record text as Markdown text: one line, control characters escaped, and what could start a
 * link, an image, raw HTML or a new table cell escaped, so that `[x](javascript:…)` or a remote
 * `![](…)` image in a record shows as the characters typed, never as a link or a picture.
 */
export function markdownText(text: string): string {
  return escapeControls(text.replace(/\r?\n/g, ' ')).replace(/[\\[\]|&<>]/g, (c) => MARKDOWN_ESCAPES[c] ?? c);
}

/** A Markdown code span that no backtick in `text` can close early (CommonMark: a longer fence, padded). */
export function markdownCode(text: string): string {
  const inner = escapeControls(text.replace(/\r?\n/g, ' ')).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(inner.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${inner} ${fence}` : `${fence}${inner}${fence}`;
}

/** A copy of plain data with every string passed through escapeControls: for text renderers, whose every value may come from a record. */
export function escapeDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => escapeDeep(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeDeep(v);
    return out as T;
  }
  return value;
}
