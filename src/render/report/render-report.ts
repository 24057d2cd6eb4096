import Handlebars from 'handlebars';
import type { TemplateSource } from '../../model/template.js';
import { helpers } from './helpers.js';

export type { TemplateSource };

/** The only importer of Handlebars: compiles templates on an isolated instance and renders them. */

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    message: string,
    readonly template: TemplateSource,
  ) {
    super(message);
  }
}

export interface Renderer {
  render(name: string, data: object): string;
}

/**
 * Registers every partial and helper once; `render` compiles on first use. HTML templates
 * escape every value (record text can never become markup); Markdown and YAML templates do not
 * HTML-escape, and use the mdCell helper for table cells.
 */
export function createRenderer(templates: ReadonlyMap<string, TemplateSource>): Renderer {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  for (const t of templates.values()) {
    if (!t.name.startsWith('partials/')) continue;
    const partialName = t.name.slice('partials/'.length).replace(/\.hbs$/, '');
    // Compiled on its own and wrapped, so an error inside a partial names the partial's file
    // (perhaps the user's override) rather than the page that included it.
    const fn = hb.compile(t.source, { strict: true });
    const wrapped = (context: unknown, options?: Handlebars.RuntimeOptions): string => {
      try {
        return fn(context, options);
      } catch (error) {
        throw error instanceof TemplateError ? error : new TemplateError(`template ${t.origin}: ${errorText(error)}`, t);
      }
    };
    hb.registerPartial(partialName, wrapped as Handlebars.Template);
  }
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name, data) {
      const template = templates.get(name);
      if (!template) throw new Error(`no template named ${name}`);
      let fn = compiled.get(name);
      if (!fn) {
        fn = hb.compile(template.source, { strict: true, noEscape: !name.endsWith('.html.hbs') });
        compiled.set(name, fn);
      }
      try {
        return fn(data);
      } catch (error) {
        throw error instanceof TemplateError ? error : new TemplateError(`template ${template.origin}: ${errorText(error)}`, template);
      }
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
