/**
 * The common YAML mistakes in our own words, with the fix: the parser's messages ("Nested
 * mappings are not allowed in compact mappings") mean nothing to a compliance lead, and
 * sometimes point at the line above the one to fix.
 */

export interface Explained {
  message: string;
  hint?: string;
  /** Where to point: the line to fix, which is not always where the parser noticed. */
  offset: number;
}

interface Line {
  /** 1-based. */
  number: number;
  start: number;
  end: number;
  text: string;
}

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const newline = text.indexOf('\n', start);
  const end = newline === -1 ? text.length : newline;
  let number = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) number++;
  return { number, start, end, text: text.slice(start, end).replace(/\r$/, '') };
}

/** The next line after `line` that holds more than blanks or a comment. */
function nextContentLine(text: string, line: Line): Line | undefined {
  let end = line.end;
  while (end < text.length) {
    const next = lineAt(text, end + 1);
    if (next.text.trim() !== '' && !next.text.trimStart().startsWith('#')) return next;
    if (next.end === end) return undefined;
    end = next.end;
  }
  return undefined;
}

/** `key: value` on one line (after any indentation and `- `), read without a backtracking regex. */
function keyValue(line: string): { key: string; value: string } | undefined {
  let rest = line.trimStart();
  if (rest.startsWith('- ')) rest = rest.slice(2).trimStart();
  const colon = rest.search(/:[ \t]/);
  if (colon <= 0) return undefined;
  const key = rest.slice(0, colon);
  if (/^[#'"{[]/.test(key) || key.includes('#')) return undefined;
  return { key: key.trimEnd(), value: rest.slice(colon + 1).trim() };
}

function indentOf(line: string): number {
  return /^[ ]*/.exec(line)?.[0].length ?? 0;
}

/** A parser error (its code, message and offset) → our message, a hint, and the place to fix. */
export function explainSyntaxError(code: string, parserMessage: string, offset: number, text: string, quote: (value: string) => string): Explained {
  const line = lineAt(text, offset);
  const kv = keyValue(line.text);
  const key = kv?.key;
  const value = kv?.value ?? '';
  const valueOffset = kv ? line.start + line.text.lastIndexOf(value) : offset;
  const quoted = (why: string): Explained => ({
    message: `the value of \`${key ?? ''}\` ${why}`,
    hint: `quote the value: \`${key ?? ''}: ${quote(value)}\``,
    offset: valueOffset,
  });
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      if (kv && !/^['"]/.test(value) && /:[ \t]/.test(value)) return quoted('contains `: `, which YAML reads as the start of another field');
      const next = nextContentLine(text, line);
      if (next && indentOf(next.text) > indentOf(line.text)) {
        return {
          message: `line ${next.number} is indented more than line ${line.number}, so YAML reads it as part of the value above`,
          hint: `check the indentation of line ${next.number}: align it with the field above it`,
          offset: next.start + indentOf(next.text),
        };
      }
      break;
    }
    case 'BAD_INDENT':
      if (/^Flow (sequence|map)/.test(parserMessage)) {
        const [open, close] = parserMessage.startsWith('Flow map') ? ['{', '}'] : ['[', ']'];
        return { message: `a \`${open}\` above is not closed by \`${close}\``, hint: `close it with \`${close}\` on the same line, or write the list one \`- item\` per line`, offset };
      }
      if (!parserMessage.startsWith('All mapping items')) break;
      return {
        message: `line ${line.number} is not aligned with the other fields at its level`,
        hint: `check the indentation of line ${line.number}: fields of one mapping start in the same column`,
        offset: line.start + indentOf(line.text),
      };
    case 'TAB_AS_INDENT':
      return { message: 'a tab is used for indentation, which YAML does not allow', hint: 'indent with spaces', offset };
    case 'BAD_SCALAR_START':
      if (kv) return quoted(`starts with \`${value.charAt(0)}\`, which YAML reserves`);
      break;
    case 'UNEXPECTED_TOKEN':
    case 'MISSING_CHAR':
      if (kv && /^[>|]/.test(value)) return quoted(`starts with \`${value.charAt(0)}\`, which YAML reads as the start of a block of text`);
      if (kv && /^-\s/.test(value)) return quoted('starts with `- `, which YAML reads as a list item');
      break;
    default:
      break;
  }
  return { message: `YAML syntax: ${parserMessage}`, offset };
}

/**
 * An over-indented `- item` under a list item: YAML silently reads it as more text of the
 * item above ("one - two"), so one item goes missing. `start`/`end` span that item's text.
 */
export function mergedListItem(text: string, start: number, end: number): number | undefined {
  const m = /\n[ \t]*(- )/.exec(text.slice(start, end));
  return m ? start + m.index + m[0].length - 2 : undefined;
}

/**
 * ` #1` right after a plain value: YAML ends the value at ` #` (a comment), so "Acme #1 Ltd"
 * silently becomes "Acme". A `#` followed by a space is an ordinary comment; without one it
 * is usually part of the value.
 */
export function commentCutsValue(text: string, valueEnd: number): boolean {
  return /^[ \t]+#\S/.test(text.slice(valueEnd, valueEnd + 100));
}
