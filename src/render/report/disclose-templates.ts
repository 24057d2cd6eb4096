import { markdownCode } from '../../model/escape.js';

/**
 * A page rendered with templates that are not aims's own says so. The notice is added to the
 * rendered text by aims rather than by a template, so a custom footer cannot leave it out.
 */
export interface CustomTemplate {
  /** The template it replaced, e.g. "index.html.hbs" or "partials/footer.hbs". */
  name: string;
  /** Where it was read from: repository-relative, or absolute for a --templates folder outside the repository. */
  path: string;
  sha256: string;
}

export const CUSTOM_TEMPLATES_NOTICE = 'Rendered with custom templates';

export function discloseTemplates(text: string, format: 'html' | 'md', templates: readonly CustomTemplate[]): string {
  if (templates.length === 0) return text;
  const list = templates.map((t) => t.path).join(', ');
  const why = 'not aims\'s built-in ones; what this page shows is only as trustworthy as they are. manifest.json lists each with its SHA-256; aims report pack --builtin-templates renders the same records without them';
  // Paths as code spans (model/escape.ts): no character of a hostile file name becomes Markdown.
  if (format === 'md') return `${trimNewlines(text)}\n\n> **${CUSTOM_TEMPLATES_NOTICE}:** ${templates.map((t) => markdownCode(t.path)).join(', ')} (${why}).\n`;
  const notice = `<footer class="aims-custom-templates" style="display:block;visibility:visible;border:2px solid #b00;padding:0.5em;margin:1em 0;color:#b00;background:#fff"><strong>${CUSTOM_TEMPLATES_NOTICE}:</strong> ${escapeHtml(list)} (${escapeHtml(why)}).</footer>\n`;
  const at = text.lastIndexOf('</body>');
  return at < 0 ? text + notice : text.slice(0, at) + notice + text.slice(at);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The text without its trailing newlines (a loop: /\n*$/ is quadratic on a long run of newlines). */
function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return text.slice(0, end);
}
