/**
 * The public API of aims: named exports only. The CLI is a thin shell over the same functions
 * (src/api/, one module per command family); test/api/public-api.test.ts imports the built
 * package and calls each one the README documents.
 */

// Command families: a repository root in, plain data out. None of them prints, exits or reads the clock.
export { checkRepository, loadEngine, formatters, isFormatName, applyBaseline, createBaseline, parseBaseline } from './api/check.js';
export type { CheckOptions, Engine, RepositoryCheck } from './api/check.js';
export { analyseRepository, gapJson, gapMarkdown, gapText } from './api/analyse.js';
export type { AnalyseOptions, GapReport } from './api/analyse.js';
export { diffRepository, diffJson, diffMarkdown, diffText } from './api/diff.js';
export type { DiffOptions } from './api/diff.js';
export { prepareReport, renderTemplate, buildEvidencePack, streamEvidence, soaCsv, soaJson, zip, sha256, MANIFEST } from './api/report.js';
export type { PreparedReport, ReportOptions } from './api/report.js';
export { verifyPack } from './api/verify.js';
export type { PackVerification } from './api/verify.js';
export { inGitWorkTree, planInit, planNewRecord } from './api/scaffold.js';
export type { InitOptions, InitPlan, NewRecordOptions, NewRecordPlan } from './api/scaffold.js';

// Step functions, for custom pipelines and editors: each works on plain data.
export { analyseGaps } from './analyse/analyse-gaps.js';
export type { AnalysisInput } from './analyse/context.js';
export { addGitFacts, readSnapshot, readConfigFile, readGitFacts } from './api/check.js';
export { loadConfig } from './validate/load-config.js';
export { loadCatalogue } from './validate/load-catalogue.js';
export { loadRecordFile } from './load/load-records.js';
export { validate } from './validate/validate.js';
export type { ValidateInput, ValidationResult, ValidationSummary } from './validate/validate.js';
export { createSchemaRegistry } from './validate/schema-registry.js';
export type { SchemaRegistry, SchemaIssue } from './validate/schema-registry.js';
export type { FormatName, Formatter, FormatContext } from './render/formatters/index.js';

// The data model.
export { RULES } from './model/codes.js';
export type { RuleId, RuleInfo } from './model/codes.js';
export { InputError } from './model/errors.js';
export { DEFAULT_CONFIG } from './model/config.js';
export type { AimsConfig } from './model/config.js';
export type { Wording } from './model/wording.js';
export type { Catalogue, CatalogueEntry } from './model/catalogue.js';
export type { DiffResult } from './model/diff.js';
export type { Diagnostic, LocatedDiagnostic, Severity, Position, Location } from './model/diagnostic.js';
export type { GapResult, ClauseGap, ControlGap, Finding, Readiness } from './model/gap.js';
export type { AimsRecord, RecordKind, RecordOfKind, Origin } from './model/record.js';
export { RECORD_KINDS } from './model/record.js';
export type { RepoSnapshot, RecordFile, PathKind, Revision } from './model/snapshot.js';
export { discoverRepositories, listSignatures } from './api/discover.js';
export type { DiscoverOptions, DiscoverReport } from './api/discover.js';
export { discoverJson } from './render/discover/discover-json.js';
export type { Detection, DiscoverFinding, DiscoverResult, DiscoverStatus, Signature, SignatureCategory } from './model/discover.js';
