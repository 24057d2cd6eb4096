import { yamlScalar } from '../../load/parse-yaml.js';
import { markdownText } from '../../model/escape.js';

/** A template value as text: strings, numbers and booleans as themselves, anything else empty (never "[object Object]"). */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** Where each cited file is in the pack, by source (the first entry for a source, as a search would find): built once per list, not searched per link. */
const PACK_PATHS = new WeakMap<readonly { source: string; path: string }[], Map<string, string>>();
function packPathsBySource(files: readonly { source: string; path: string }[]): Map<string, string> {
  let bySource = PACK_PATHS.get(files);
  if (!bySource) {
    bySource = new Map();
    for (const f of files) if (!bySource.has(f.source)) bySource.set(f.source, f.path);
    PACK_PATHS.set(files, bySource);
  }
  return bySource;
}

/** Handlebars helpers: small pure functions, registered on an isolated instance per render. */
export const helpers = {
  eq: (a: unknown, b: unknown): boolean => a === b,
  not: (a: unknown): boolean => !a,
  or: (...args: unknown[]): boolean => args.slice(0, -1).some(Boolean),
  join: (list: unknown, separator: unknown): string =>
    Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : ', ') : '',
  /** A CSS class from a status word: "not applicable" → "status-not-applicable". */
  statusClass: (value: unknown): string => `status-${asText(value).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
  /** Plural suffix: {{plural n "risk"}} → "1 risk" / "3 risks". */
  plural: (n: unknown, word: unknown): string => `${Number(n)} ${String(word)}${Number(n) === 1 ? '' : 's'}`,
  /** Markdown table cells must not break the table, nor carry raw HTML a viewer would render. */
  mdCell: (value: unknown): string => markdownText(asText(value)),
  isUrl: (value: unknown): boolean => typeof value === 'string' && /^https:\/\//i.test(value),
  /**
   * A link to an evidence file copied into the pack, each path segment percent-encoded (`#` is
   * not a fragment); '' for anything the pack does not hold (an invalid path such as `../x`
   * must never become a link out of the pack).
   */
  evidenceHref: (value: unknown, options?: { data?: { root?: { evidence?: { files?: readonly { source: string; path: string }[] } } } }): string => {
    // The pack decides where each file goes (see evidencePackPaths); a template only links to it.
    const files = options?.data?.root?.evidence?.files;
    const copied = files === undefined ? undefined : packPathsBySource(files).get(String(value));
    return copied === undefined ? '' : copied.split('/').map(encodeURIComponent).join('/');
  },
  /** A YAML value for the generators' templates: {{yaml "Context of " organisation}} joins its arguments and quotes as YAML needs. */
  yaml: (...args: unknown[]): string => yamlScalar(args.slice(0, -1).map(asText).join('')),
  /** A YAML flow list on one line, each item written as `yaml` writes a value: {{yamlList repositories}} → ["code/chat"]. */
  yamlList: (list: unknown): string => `[${(Array.isArray(list) ? list : []).map((item) => yamlScalar(asText(item))).join(', ')}]`,
  /** Text for a YAML comment: one line, whatever the value holds. */
  oneLine: (value: unknown): string => asText(value).replace(/\s+/g, ' ').trim(),
} as const;
