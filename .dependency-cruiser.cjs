/**
 * The layers of src/ (DESIGN.md §3), enforced in `npm test`. Imports point down:
 *
 *   cli/ → api/ (re-exported by index.ts) → render/ → analyse/ → validate/ → load/ → model/
 *                 └──────────────────────→ workspace/ (disk, git) → model/
 *
 * One rule per line of that picture, plus the one home of each third-party library.
 */
const CORE = '^src/(load|validate|analyse|render|import)/';
const IO_MODULES = '^(node:)?(fs|fs/promises|child_process|worker_threads|net|http|https|readline)$';

/** A library and the only files allowed to import it. */
const HOMES = [
  ['yaml', '^src/load/(parse-yaml|locate)\\.ts$'],
  ['js-yaml', '^src/load/fast-yaml\\.ts$'],
  ['ignore', '^src/workspace/read-code-files\\.ts$'],
  ['@cyclonedx/cyclonedx-library', '^src/render/bom/cyclonedx-bom\\.ts$'],
  ['ajv|ajv-formats', '^src/validate/schema-registry\\.ts$'],
  ['simple-git', '^src/workspace/git\\.ts$'],
  ['handlebars', '^src/render/report/'],
  ['commander', '^src/cli/'],
  ['chalk', '^src/render/colour\\.ts$'],
  ['picomatch', '^src/workspace/'],
  ['exceljs', '^src/workspace/read-spreadsheet\\.ts$'],
];

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A cycle means two modules are one concept, or a layer points up.', from: {}, to: { circular: true } },
    { name: 'model-imports-nothing-of-ours', severity: 'error', from: { path: '^src/model/' }, to: { path: '^src/', pathNot: '^src/model/' } },
    { name: 'core-is-pure', severity: 'error', comment: 'load, validate, analyse and render never touch the disk, processes or threads.', from: { path: CORE }, to: { dependencyTypes: ['core'], path: IO_MODULES } },
    { name: 'core-leaves-the-edges-alone', severity: 'error', from: { path: CORE }, to: { path: '^src/(api|workspace|cli|assets\\.ts|index\\.ts)' } },
    { name: 'load-points-down', severity: 'error', from: { path: '^src/load/' }, to: { path: '^src/(validate|analyse|render)/' } },
    { name: 'validate-points-down', severity: 'error', from: { path: '^src/validate/' }, to: { path: '^src/(analyse|render)/' } },
    { name: 'analyse-points-down', severity: 'error', from: { path: '^src/analyse/' }, to: { path: '^src/render/' } },
    { name: 'workspace-reads-only', severity: 'error', comment: 'workspace/ does I/O and hands plain data (model/) to the core; it does not compute.', from: { path: '^src/workspace/' }, to: { path: '^src/', pathNot: '^src/(workspace|model)/' } },
    { name: 'only-api-composes-workspace', severity: 'error', from: { path: '^src/', pathNot: '^src/(api|workspace)/' }, to: { path: '^src/workspace/' } },
    { name: 'cli-calls-only-the-api', severity: 'error', from: { path: '^src/cli/' }, to: { path: '^src/', pathNot: '^src/(cli|api|model)/|^src/assets\\.ts$' } },
    { name: 'nothing-imports-the-cli', severity: 'error', from: { path: '^src/', pathNot: '^src/cli/' }, to: { path: '^src/cli/' } },
    { name: 'index-exports-api-core-and-model', severity: 'error', from: { path: '^src/index\\.ts$' }, to: { path: '^src/(cli|workspace)/' } },
    ...HOMES.map(([library, home]) => ({
      name: `one-home-for-${library.split('|')[0]}`,
      severity: 'error',
      comment: `Only ${home} imports ${library}: an upgrade touches one place.`,
      from: { path: '^src/', pathNot: `${home}|^src/build/` },
      to: { path: `(^|node_modules/)(${library})(/|$)` },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
