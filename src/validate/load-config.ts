import { type AimsConfig, CONFIG_FILE, DEFAULT_CONFIG, defaultAcceptance, REVIEW_CYCLE_KINDS } from '../model/config.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { RepoSnapshot } from '../model/snapshot.js';
import { schemaDiagnostics } from './schema-diagnostics.js';
import type { SchemaRegistry } from './schema-registry.js';
import { locate } from '../load/locate.js';
import { isPlainObject } from '../load/normalise.js';
import { shortValue } from '../model/escape.js';
import { listWords } from '../model/suggest.js';
import { type ParsedFile, parseYamlStream } from '../load/parse-yaml.js';
import { documentSlices, fastParseStream, type ParsePath } from '../load/fast-route.js';
import { locateInLines } from '../load/locate-lines.js';

/** Ten years: a review cycle longer than that would keep any record "current" for ever (and overflow date arithmetic). */
const MAX_REVIEW_CYCLE_DAYS = 3653; // P10Y, P120M and P3653D are allowed

/** The days a duration the schema accepted (PnYnMnWnD) spans, in average years and months. */
function durationDays(duration: string): number {
  const part = (unit: string): number => Number(new RegExp(`(\\d+)${unit}`).exec(duration)?.[1] ?? 0);
  return part('Y') * 365.25 + part('M') * 30.44 + part('W') * 7 + part('D');
}

export interface LoadedConfig {
  config: AimsConfig;
  diagnostics: Diagnostic[];
  /** aims.yaml as `yaml` parses it (on first use), so that diagnostics in it can be located like any others. */
  parsed?: LazyParsed;
}

/** What validation takes of the config: the config itself, its problems, and its parse to locate them. */
export function configInput(loaded: LoadedConfig): { config: AimsConfig; configDiagnostics: Diagnostic[]; configFile?: LazyParsed } {
  return { config: loaded.config, configDiagnostics: loaded.diagnostics, ...(loaded.parsed ? { configFile: loaded.parsed } : {}) };
}

/** A file's `yaml` parse, made when first asked for. */
export interface LazyParsed {
  path: string;
  get: () => ParsedFile;
}

/** An ISO 8601 duration (P1Y6M, P2W, P30D) in months, roughly: enough to tell years from decades. */
function approximateMonths(duration: string): number {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
  if (!m) return 0;
  const n = (i: number): number => Number(m[i] ?? 0);
  return n(1) * 12 + n(2) + (n(3) * 7 + n(4)) / 30.4;
}

/**
 * aims.yaml → AimsConfig. Validated like a record; a key with an error falls back to its
 * default, so one typo in the config does not stop every other check.
 */
export function loadConfig(file: RepoSnapshot['config'], schemas: SchemaRegistry, parse: ParsePath = 'fast'): LoadedConfig {
  if (!file) return { config: DEFAULT_CONFIG, diagnostics: [] };
  if ('unreadable' in file) {
    const { rule, message, line, column } = file.unreadable;
    return {
      config: DEFAULT_CONFIG,
      diagnostics: [{ rule, severity: 'error', message, location: { file: file.path, position: { line: line ?? 1, column: column ?? 1 } } }],
    };
  }
  let tree: ParsedFile | undefined;
  const parsed: LazyParsed = { path: file.path, get: () => (tree ??= parseYamlStream(file.path, file.text)) };
  // As for record files: a clean aims.yaml the fast path reads is read by js-yaml, anything to report is reported from `yaml`.
  const fast = parse === 'fast' ? fastConfig(file, schemas, parsed) : undefined;
  return fast ?? configFrom(file, schemas, parsed);
}

/** The config from the fast parse, when it reads aims.yaml cleanly as one document and finds nothing to report. */
function fastConfig(file: { path: string; text: string }, schemas: SchemaRegistry, parsed: LazyParsed): LoadedConfig | undefined {
  const documents = fastParseStream(file.text)?.filter((d) => !d.empty);
  const doc = documents?.length === 1 ? documents[0] : undefined;
  if (!doc) return undefined;
  const slice = documentSlices(file.text)[doc.index];
  const lineOf = (pointer: string): number | undefined => (slice ? locateInLines(file.text, slice, { file: file.path, document: doc.index, pointer, target: 'key' })?.line : undefined);
  const loaded = fromDocument(file.path, doc.index, doc.value, [], schemas, lineOf);
  return loaded && loaded.diagnostics.length === 0 ? { ...loaded, parsed } : undefined;
}

function configFrom(file: { path: string; text: string }, schemas: SchemaRegistry, lazy: LazyParsed): LoadedConfig {
  const parsed = lazy.get();
  const diagnostics = [...parsed.diagnostics];
  // Empty documents (a stray `---` before or after the settings) do not count.
  const documents = parsed.documents.filter((d) => !d.empty);
  const doc = documents[0];
  const extra = documents[1];
  if (extra) {
    diagnostics.push({
      rule: 'yaml/syntax',
      severity: 'error',
      message: `${CONFIG_FILE} must hold a single YAML document; the documents after the first are ignored`,
      location: { file: file.path, document: extra.index, pointer: '' },
    });
  }
  if (!doc || doc.broken) return { config: DEFAULT_CONFIG, diagnostics, parsed: lazy };
  const lineOf = (pointer: string): number => locate(parsed, { file: file.path, document: doc.index, pointer, target: 'key' }).line;
  return { ...(fromDocument(file.path, doc.index, doc.value, diagnostics, schemas, lineOf) as Omit<LoadedConfig, 'parsed'>), parsed: lazy };
}

/**
 * One document of aims.yaml → the config, its problems added to `diagnostics`. `lineOf` gives
 * the line of a key; undefined (the fast path cannot say for certain) makes the whole answer
 * undefined, and the caller reads the file with `yaml`.
 */
function fromDocument(
  path: string,
  index: number,
  value: unknown,
  diagnostics: Diagnostic[],
  schemas: SchemaRegistry,
  lineOf: (pointer: string) => number | undefined,
): Omit<LoadedConfig, 'parsed'> | undefined {
  const file = { path };
  const doc = { index };
  const issues = schemas.validate('config', value);
  diagnostics.push(...schemaDiagnostics(issues, { file: file.path, document: doc.index }, `\`${CONFIG_FILE}\``));
  if (!isPlainObject(value)) return { config: DEFAULT_CONFIG, diagnostics };

  const bad = new Set(issues.map((i) => i.instancePath.split('/')[1] ?? ''));
  const badPath = (prefix: string): boolean => issues.some((i) => i.instancePath === prefix || i.instancePath.startsWith(prefix + '/'));
  const ok = (key: string): boolean => key in value && !bad.has(key);

  const reviewCycles = { ...DEFAULT_CONFIG.reviewCycles };
  const cycles = value['review_cycles'];
  if (isPlainObject(cycles)) {
    for (const kind of REVIEW_CYCLE_KINDS) {
      const v = cycles[kind];
      if (typeof v !== 'string' || badPath(`/review_cycles/${kind}`)) continue;
      if (durationDays(v) > MAX_REVIEW_CYCLE_DAYS) {
        diagnostics.push({
          rule: 'schema/invalid',
          severity: 'error',
          message: `the review cycle \`${v}\` is longer than 10 years: no record stays current that long`,
          location: { file: file.path, document: doc.index, pointer: `/review_cycles/${kind}` },
        });
        continue;
      }
      reviewCycles[kind] = v;
      if (approximateMonths(v) > 60) {
        diagnostics.push({
          rule: 'date/long-cycle',
          severity: 'warning',
          message: `the ${kind} review cycle ${v} is longer than five years: it is not a planned interval`,
          location: { file: file.path, document: doc.index, pointer: `/review_cycles/${kind}` },
          hint: 'set the interval your organisation actually reviews at, such as P12M',
        });
      }
    }
  }
  const risk = { ...DEFAULT_CONFIG.risk };
  const riskValue = value['risk'];
  if (isPlainObject(riskValue)) {
    for (const key of ['likelihood', 'impact'] as const) {
      const v = riskValue[key];
      if (Array.isArray(v) && !badPath(`/risk/${key}`)) risk[key] = v.map(String);
    }
    const acceptance = riskValue['acceptance'];
    if (typeof acceptance === 'number' && !badPath('/risk/acceptance')) risk.acceptance = acceptance;
    else risk.acceptance = defaultAcceptance(risk.likelihood.length, risk.impact.length);
    const line = lineOf('/risk');
    if (line === undefined) return undefined;
    risk.source = { file: file.path, line };
  }
  const nonconformity = loadSeverities(value['nonconformity'], badPath, (message, pointer) =>
    diagnostics.push({ rule: 'schema/invalid', severity: 'error', message, location: { file: file.path, document: doc.index, pointer } }),
  );
  const discover = { ...DEFAULT_CONFIG.discover };
  const discoverValue = value['discover'];
  if (isPlainObject(discoverValue)) {
    const paths = discoverValue['paths'];
    if (Array.isArray(paths) && !badPath('/discover/paths')) discover.paths = paths.map(String);
    const signatures = discoverValue['signatures'];
    if (Array.isArray(signatures) && !badPath('/discover/signatures')) {
      discover.signatures = signatures.filter(isPlainObject);
      discover.signatureFiles = signatures.filter((s): s is string => typeof s === 'string');
    }
    if (typeof discoverValue['include_vendored'] === 'boolean') discover.includeVendored = discoverValue['include_vendored'];
  }
  const approvalsValue = value['approvals'];
  const requireSigned = isPlainObject(approvalsValue) ? approvalsValue['require_signed_commits'] : undefined;
  const approvals = { requireSignedCommits: typeof requireSigned === 'boolean' && !badPath('/approvals/require_signed_commits') ? requireSigned : DEFAULT_CONFIG.approvals.requireSignedCommits };
  const config: AimsConfig = {
    ...DEFAULT_CONFIG,
    records: ok('records') ? (value['records'] as string[]) : DEFAULT_CONFIG.records,
    reviewCycles,
    risk,
    nonconformity,
    maxFileSize: ok('max_file_size') ? (value['max_file_size'] as number) : DEFAULT_CONFIG.maxFileSize,
    maxEvidenceSize: ok('max_evidence_size') ? (value['max_evidence_size'] as number) : DEFAULT_CONFIG.maxEvidenceSize,
    templates: ok('templates') ? (value['templates'] as string) : DEFAULT_CONFIG.templates,
    discover,
    approvals,
  };
  if (ok('organisation')) config.organisation = value['organisation'] as string;
  return { config, diagnostics };
}

/**
 * `nonconformity:` → the severity scale and its blocking grades. Blocking grades must be on the
 * scale (a typo there would silently block nothing); without `blocking`, the most serious grade blocks.
 */
function loadSeverities(
  value: unknown,
  badPath: (prefix: string) => boolean,
  report: (message: string, pointer: string) => void,
): AimsConfig['nonconformity'] {
  if (!isPlainObject(value)) return DEFAULT_CONFIG.nonconformity;
  const severitiesValue = value['severities'];
  const severities = Array.isArray(severitiesValue) && !badPath('/nonconformity/severities') ? severitiesValue.map(String) : DEFAULT_CONFIG.nonconformity.severities;
  const blockingValue = value['blocking'];
  if (!Array.isArray(blockingValue) || badPath('/nonconformity/blocking')) return { severities, blocking: severities.slice(0, 1) };
  const blocking: string[] = [];
  blockingValue.map(String).forEach((grade, i) => {
    if (severities.includes(grade)) blocking.push(grade);
    else report(`\`${shortValue(grade)}\` is not one of the nonconformity severities (${listWords(severities)}), so it would block nothing`, `/nonconformity/blocking/${i}`);
  });
  // A blocking list with only typos keeps the default rather than silently blocking nothing.
  return { severities, blocking: blocking.length > 0 || blockingValue.length === 0 ? blocking : severities.slice(0, 1) };
}
