import Handlebars from 'handlebars';
import type { TemplateSource } from '../../model/template.js';
import { asText, helpers } from './helpers.js';

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

/** A template that loops too much or renders too much: always the template's fault, never a bug in aims. */
export class BudgetError extends Error {
  override readonly name = 'BudgetError';
}

export interface Renderer {
  render(name: string, data: object): string;
}

/**
 * What one render may spend. Loop iterations and rendered characters are counted at every
 * level of nesting (an upper bound of the real work), and the caller's clock is asked every
 * few thousand iterations, so a template cannot run for minutes or fill memory.
 */
export interface RenderBudget {
  maxLoopSteps: number;
  maxOutputChars: number;
  /** True once the caller's time is up (render/ reads no clock itself). */
  expired: () => boolean;
}

export const DEFAULT_BUDGET: RenderBudget = { maxLoopSteps: 2_000_000, maxOutputChars: 256 * 1024 * 1024, expired: () => false };

/**
 * Registers every partial and helper once; `render` compiles on first use. HTML templates
 * escape every value (record text can never become markup); Markdown and YAML templates do not
 * HTML-escape, and use the mdCell helper for table cells.
 */
export function createRenderer(templates: ReadonlyMap<string, TemplateSource>, budget: RenderBudget = DEFAULT_BUDGET): Renderer {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  // aims' own messages mark ids and fields as `code`, as in Markdown: in HTML they become <code>,
  // every other character escaped as usual.
  hb.registerHelper('inlineCode', (value: unknown) =>
    new hb.SafeString(
      asText(value)
        .split(/`([^`]+)`/)
        .map((part, i) => (i % 2 === 1 ? `<code>${hb.escapeExpression(part)}</code>` : hb.escapeExpression(part)))
        .join(''),
    ),
  );
  let steps = 0;
  let chars = 0;
  const spend = (output: string): void => {
    steps++;
    chars += output.length;
    if (steps > budget.maxLoopSteps) throw new BudgetError(`rendering went over ${budget.maxLoopSteps} loop iterations`);
    if (chars > budget.maxOutputChars) throw new BudgetError(`rendering went over ${budget.maxOutputChars} characters of output`);
    if (steps % 4096 === 0 && budget.expired()) throw new BudgetError('rendering ran out of time');
  };
  // Every loop, {{#each}} or a block over a list (which Handlebars hands to `each`), is charged.
  const each = hb.helpers['each'] as Handlebars.HelperDelegate;
  hb.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
    const fn = options.fn;
    const charged = (value: unknown, runtime?: Handlebars.RuntimeOptions): string => {
      const output = fn(value, runtime);
      spend(output);
      return output;
    };
    return each.call(this, context, { ...options, fn: charged }) as string;
  });
  // {{log}} would write to the terminal of whoever renders the pack.
  hb.registerHelper('log', () => {
    throw new Error('the log helper is disabled in aims templates');
  });
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
        throw error instanceof TemplateError || error instanceof BudgetError ? error : new TemplateError(`template ${t.origin}: ${errorText(error)}`, t);
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
      steps = 0;
      chars = 0;
      let output: string;
      try {
        output = fn(data);
      } catch (error) {
        if (error instanceof BudgetError) throw new BudgetError(`${name}: ${error.message}`);
        throw error instanceof TemplateError ? error : new TemplateError(`template ${template.origin}: ${errorText(error)}`, template);
      }
      if (output.length > budget.maxOutputChars) throw new BudgetError(`rendering ${name} gave more than ${budget.maxOutputChars} characters`);
      // `{{soa}}` prints a whole mapping as "[object Object]": a mistake in a user's template, never text to hand an auditor.
      if (!template.builtIn && output.includes('[object Object]')) {
        throw new TemplateError(`template ${template.origin}: a {{…}} prints a whole list or mapping, not text: name one of its fields, such as {{soa.applicable}}, or use {{#each}}`, template);
      }
      return output;
    },
  };
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Handlebars names the data it looked in as "[object Object]": say what is missing, and where.
  const missing = /^"([^"]*)" not defined in \[object [^\]]*\] - (\d+):(\d+)$/.exec(message);
  if (missing) return `\`${missing[1] ?? ''}\` is not a field of the data at that place (line ${missing[2] ?? ''}, column ${Number(missing[3]) + 1}); the README section \`Report templates\` lists the data`;
  return message.split(' in [object Object]').join('');
}
