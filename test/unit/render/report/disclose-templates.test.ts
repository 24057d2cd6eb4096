import { describe, expect, it } from 'vitest';
import { CUSTOM_TEMPLATES_NOTICE, discloseTemplates } from '../../../../src/render/report/disclose-templates.js';

const HOSTILE = { name: 'index.html.hbs', path: 'templates/[click](javascript:alert(1))_<b>`x`</b>.hbs', sha256: 'a'.repeat(64) };

describe('the custom-templates notice', () => {
  it('Markdown: names each template path as a code span, so no character of it becomes a link or markup', () => {
    const out = discloseTemplates('# SoA\n', 'md', [HOSTILE]);
    expect(out).toContain(`> **${CUSTOM_TEMPLATES_NOTICE}:** `);
    // A path holding backticks gets a longer fence, padded (CommonMark), so it cannot close early.
    expect(out).toContain('`` templates/[click](javascript:alert(1))_<b>`x`</b>.hbs ``');
  });

  it('HTML: the path is escaped text inside the footer, placed before </body>', () => {
    const out = discloseTemplates('<html><body><p>x</p></body></html>', 'html', [HOSTILE]);
    expect(out).toContain('templates/[click](javascript:alert(1))_&lt;b&gt;`x`&lt;/b&gt;.hbs');
    expect(out).not.toContain('<b>`x`</b>');
    expect(out.indexOf('aims-custom-templates')).toBeLessThan(out.indexOf('</body>'));
  });

  it('without custom templates the page is unchanged', () => {
    expect(discloseTemplates('<p>x</p>', 'html', [])).toBe('<p>x</p>');
  });
});
