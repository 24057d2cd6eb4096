/** One tag of an XML manifest: its name, the text between `<` and `>`, where it starts, and whether it closes an element. */
export interface XmlTag {
  name: string;
  body: string;
  at: number;
  closing: boolean;
}

/**
 * The tags of an XML manifest (pom.xml, *.csproj, packages.config) in one pass: each `<` is
 * read to its `>` once, comments and CDATA are skipped, nothing is resolved or expanded.
 * `visit` gets each tag and the offset just after it.
 */
export function eachXmlTag(text: string, visit: (tag: XmlTag, after: number) => void): void {
  let at = text.indexOf('<');
  while (at !== -1) {
    const special = text.startsWith('<!--', at) ? '-->' : text.startsWith('<![CDATA[', at) ? ']]>' : undefined;
    const close = text.indexOf(special ?? '>', at + 1);
    if (close === -1) return;
    const after = close + (special?.length ?? 1);
    if (!special) {
      const body = text.slice(at + 1, close);
      const closing = body.startsWith('/');
      const name = /^\/?([A-Za-z_][\w:.-]*)/.exec(body)?.[1];
      if (name) visit({ name, body, at, closing }, after);
    }
    at = text.indexOf('<', after);
  }
}

/** The text from `after` up to the next tag. */
export function textAfter(text: string, after: number): string {
  const stop = text.indexOf('<', after);
  return text.slice(after, stop === -1 ? text.length : stop);
}
