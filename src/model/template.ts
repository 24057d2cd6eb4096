/** A report template's text and where it came from, as workspace/ reads it for render/. */
export interface TemplateSource {
  /** Name relative to the templates folder, e.g. "soa.html.hbs" or "partials/header.hbs". */
  name: string;
  source: string;
  /** Where it came from (a path), for error messages. */
  origin: string;
  /** Built-in templates ship with aims; a failure in one is a bug, in a user's one a user error. */
  builtIn: boolean;
}
