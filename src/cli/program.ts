import { Argument, Command, Option } from 'commander';
import { RECORD_KINDS } from '../model/record.js';
import { DIFF_FORMATS, type DiffFormat, DISCOVER_FORMATS, GAP_FORMATS, SHELLS, SOA_FORMATS, VALIDATE_FORMATS } from './choices.js';
import type { DiscoverCliOptions } from './commands/discover.js';
import type { GapOptions } from './commands/gap.js';
import type { ImportOptions } from './commands/import.js';
import type { BomOptions, PackOptions, SoaOptions } from './commands/report.js';
import type { VerifyOptions } from '../api/verify.js';
import type { OutputRequest, ValidateOptions } from './commands/validate.js';
import type { Shell } from './completion.js';
import { ExitCode } from './exit-code.js';
import { InputError } from '../model/errors.js';
import type { Io } from './io.js';

// Each command's module is imported when the command runs, so start-up stays light.

/** Commander wiring only: each action hands its options to a command function and keeps its exit code. */
export function createProgram(io: Io, version: string, setExit: (code: ExitCode) => void): Command {
  const program = new Command('aims')
    .description('Run an ISO/IEC 42001 AI Management System as code: validate records, analyse gaps, report.')
    .version(version, '-V, --version', 'print the aims version')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  $ aims init --organisation "Acme Ltd"       start a new AIMS here
  $ aims validate                             check every record (exit 1 on errors)
  $ aims gap --as-of 2026-03-31               readiness and next steps on audit day
  $ aims report pack --out audit-pack         the evidence pack for the auditor

Run aims <command> --help for a command's options and examples.`,
    )
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) });

  // --format and --out pair up in command-line order; commander calls these parsers in that order.
  const outputs: OutputRequest[] = [];
  const pairOutput = (file: string): string => {
    const last = outputs[outputs.length - 1];
    if (last && last.output === undefined) last.output = file;
    else outputs.push({ format: 'stylish', output: file });
    return file;
  };
  program
    .command('validate')
    .description('check every AIMS record against its schema, references, evidence and the catalogue')
    .argument('[root]', 'repository root (default: the current directory)')
    .addOption(
      // The choices are for help and completion; the command itself checks the name, after pairing it with --out.
      new Option('-f, --format <name>', 'output format, repeatable (default: stylish)').choices([...VALIDATE_FORMATS]).argParser((name: string) => {
        outputs.push({ format: name });
        return name;
      }),
    )
    .option('-o, --out <file>', 'write the preceding --format to this file instead of standard output', pairOutput)
    // --out, as on every command that writes a file; --output is kept for existing CI scripts.
    .addOption(new Option('--output <file>').hideHelp().argParser(pairOutput))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('--baseline <file>', 'report only findings that are not in this baseline')
    .option('--write-baseline <file>', "record today's findings as the baseline")
    .option('--ref <rev>', 'check the records as they were at a commit, tag or branch (read from git; the working tree is not touched)')
    .option('--force', 'replace --out files that already exist (never a record file)')
    .option('--cache', 'reuse the checks of unchanged record files from the last run (ESLint-style; default location .aims/cache/)')
    .option('--cache-location <path>', 'the cache file, or a folder for it (with --cache)')
    .option('--color', 'force colour output')
    .option('--no-color', 'disable colour output')
    .addHelpText(
      'after',
      `
Examples:
  $ aims validate                                   check the repository in the current directory
  $ aims validate examples/acme                     check another folder
  $ aims validate --format json                     machine-readable output
  $ aims validate --format sarif --out aims.sarif --format stylish
                                                    SARIF for code scanning, and a readable log
  $ aims validate --format github                   annotations on a GitHub pull request
  $ aims validate --write-baseline .aims-baseline.json   adopt gradually: accept today's findings
  $ aims validate --baseline .aims-baseline.json    ...and report only new ones
  $ aims validate --cache                           pre-commit: re-check only the files that changed

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage or internal failure.`,
    )
    .action(async (root: string | undefined, options: Omit<ValidateOptions, 'outputs'>) => {
      const { validateCommand } = await import('./commands/validate.js');
      setExit(await validateCommand(root, { ...options, outputs }, io));
    });

  program
    .command('gap')
    .description('judge every clause (4–10) and Annex A control as of a date: what is missing and what to do next')
    .argument('[root]', 'repository root (default: the current directory)')
    .addOption(new Option('-f, --format <name>', 'output format').choices([...GAP_FORMATS]).default('text'))
    .option('--as-of <date>', 'judge as of this date, YYYY-MM-DD (default: today, or the date of --ref)')
    .option('--ref <rev>', 'judge the AIMS as it was at a commit, tag or branch (read from git objects)')
    .option('--fail-under <n>', 'exit 1 when readiness is below n (0–100)')
    .option('--fail-on-blockers', 'exit 1 when any certification prerequisite is not met (a blocker)')
    .option('-v, --verbose', 'list every finding of every clause and control (undecided controls one by one), and the records behind each met clause and control without a gap (file:line)')
    .option('--cache', 'reuse the checks of unchanged record files from the last run (ESLint-style; default location .aims/cache/)')
    .option('--cache-location <path>', 'the cache file, or a folder for it (with --cache)')
    .option('--color', 'force colour output')
    .option('--no-color', 'disable colour output')
    .addHelpText(
      'after',
      `
Examples:
  $ aims gap                                  readiness and next steps for the repository here
  $ aims gap --as-of 2026-03-31               as it will stand on audit day
  $ aims gap --format markdown > gap.md       for a pull request or audit-prep ticket
  $ aims gap --fail-under 80                  CI gate: exit 1 below 80/100
  $ aims gap --fail-on-blockers               CI gate: exit 1 while not certifiable
  $ aims gap --ref audit-2025                 the AIMS as it stood on audit day`,
    )
    .action(async (root: string | undefined, options: GapOptions) => {
      const { gapCommand } = await import('./commands/gap.js');
      setExit(await gapCommand(root, options, io));
    });

  program
    .command('import')
    .description('start from a spreadsheet: an SoA or risk register (CSV or XLSX) → new YAML records, never overwriting')
    .argument('<what>', 'soa or risks')
    .argument('<file>', 'the spreadsheet (.xlsx or .csv)')
    .argument('[root]', 'repository root (default: the current directory)')
    .option('-c, --column <field=header...>', 'read a field from this column header (repeatable), e.g. --column id="Ref"')
    .option('--map <file>', 'a YAML mapping file: `columns: { field: Column header }`')
    .option('--sheet <name>', 'the XLSX sheet to read (default: the first)')
    .option('-o, --out <file>', 'the file to write, relative to the root (default: aims/controls/imported-soa.yaml or aims/risks/imported-risks.yaml)')
    .option('-n, --dry-run', 'show what would be written and what cannot be mapped, and write nothing')
    .addHelpText(
      'after',
      `
Examples:
  $ aims import soa consultant-soa.xlsx --dry-run
  $ aims import soa soa.csv --column id="Ref" --column applicable="In scope?"
  $ aims import risks register.xlsx --sheet "Risk register" --map risk-columns.yaml`,
    )
    .action(async (what: string, file: string, root: string | undefined, options: ImportOptions) => {
      const { importCommand } = await import('./commands/import.js');
      setExit(await importCommand(what, file, root, options, io));
    });

  program
    .command('catalog')
    .alias('catalogue')
    .description('list the ISO/IEC 42001 clauses, Annex A objectives and controls')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExamples:\n  $ aims catalog\n  $ aims catalog --format json | jq \'.[] | select(.kind == "control") | .id\'')
    .action(async (options: { format: string }) => {
      const { catalogCommand } = await import('./commands/catalog.js');
      setExit(await catalogCommand(options, io));
    });

  const report = program
    .command('report')
    .description('render the Statement of Applicability or a complete evidence pack for auditors')
    .addHelpText('after', '\nExamples:\n  $ aims report soa --format csv --out soa.csv\n  $ aims report pack --out audit-pack --as-of 2026-03-31\n\nRun aims report soa --help, aims report pack --help or aims report bom --help for their options.');
  report
    .command('soa')
    .description('the Statement of Applicability: all 38 Annex A controls, then the organisation\'s own')
    .argument('[root]', 'repository root (default: the current directory)')
    .addOption(new Option('-f, --format <name>', 'output format').choices([...SOA_FORMATS]).default('md'))
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option('--force', 'replace the --out file if it exists (never a record file)')
    .option('--as-of <date>', 'judge gaps as of this date, YYYY-MM-DD (default: today, or the date of --ref)')
    .option('--ref <rev>', 'report on the AIMS as it was at a commit, tag or branch')
    .option('--templates <dir>', 'a folder of template overrides (same names as the built-in templates)')
    .option('--builtin-templates', "render with aims's own templates only, ignoring the repository's")
    .addHelpText(
      'after',
      `
Examples:
  $ aims report soa                               Markdown to standard output
  $ aims report soa --format csv --out soa.csv    for Excel or LibreOffice
  $ aims report soa --format html --out soa.html --as-of 2026-03-31`,
    )
    .action(async (root: string | undefined, options: SoaOptions) => {
      const { reportSoaCommand } = await import('./commands/report.js');
      setExit(await reportSoaCommand(root, options, io));
    });
  report
    .command('pack')
    .description('a self-contained evidence pack: HTML pages, the SoA, the gap report, evidence copies and checksums')
    .argument('[root]', 'repository root (default: the current directory)')
    .option('-o, --out <dir>', 'the folder to create (must be empty or absent)')
    .option('--as-of <date>', 'judge gaps as of this date, YYYY-MM-DD (default: today, or the date of --ref)')
    .option('--ref <rev>', 'build the pack from a commit, tag or branch: records and evidence as they were then')
    .option('--templates <dir>', 'a folder of template overrides (same names as the built-in templates)')
    .option('--builtin-templates', "render with aims's own templates only, ignoring the repository's (what an auditor regenerating a pack uses)")
    .option('--sign <key>', 'sign manifest.json with this SSH key (ssh-keygen -Y sign, namespace aims-pack), writing manifest.json.sig')
    .option('--zip', 'also write the pack as one archive, <out>.zip')
    .option('--force', 'replace a folder that is exactly an earlier pack (every file listed in its manifest)')
    .addHelpText(
      'after',
      `
Examples:
  $ aims report pack --out audit-pack --as-of 2026-03-31
  $ aims report pack --out audit-pack --zip --force --sign ~/.ssh/aims_signing_key
  $ aims verify audit-pack --allowed-signers allowed_signers   (what the auditor runs)`,
    )
    .action(async (root: string | undefined, options: PackOptions) => {
      const { reportPackCommand } = await import('./commands/report.js');
      setExit(await reportPackCommand(root, options, io));
    });

  report
    .command('bom')
    .description('the AI system inventory as a CycloneDX 1.6 AI bill of materials: systems, their models, providers and libraries, risks and assessment status')
    .argument('[root]', 'repository root (default: the current directory)')
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .option('--as-of <date>', 'the BOM timestamp, YYYY-MM-DD (default: today, or the date of --ref)')
    .option('--ref <rev>', 'the inventory as it was at a commit, tag or branch')
    .addHelpText('after', '\nExamples:\n  $ aims report bom --out ai-bom.cdx.json\n  $ aims report bom --ref audit-2025 --out ai-bom-2025.cdx.json')
    .action(async (root: string | undefined, options: BomOptions) => {
      const { reportBomCommand } = await import('./commands/report.js');
      setExit(await reportBomCommand(root, options, io));
    });

  program
    .command('diff')
    .description('record-level changes between two revisions (or a revision and the working tree), and how the gaps moved')
    .argument('<from>', 'the earlier commit, tag or branch')
    .argument('[to]', 'the later one (default: the working tree)')
    .argument('[root]', 'repository root (default: the current directory); `aims diff FROM ROOT` works too')
    .option('--root <dir>', 'repository root, as an option')
    .option('--as-of <date>', 'judge both sides as of this date, YYYY-MM-DD (default: the later side\'s date: today for the working tree, else its commit date)')
    .addOption(new Option('-f, --format <name>', 'output format').choices([...DIFF_FORMATS]).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  $ aims diff audit-2025                         everything since the last audit
  $ aims diff v1 v2 --format json
  $ aims diff HEAD~1 my-aims                     the root last, as on every command
  $ aims diff HEAD~20 --format markdown > review-input.md   management review input (9.3.2)`,
    )
    // commander has checked --format against DIFF_FORMATS.
    .action(async (from: string, to: string | undefined, root: string | undefined, options: { root?: string; format: DiffFormat; asOf?: string }) => {
      const { diffCommand } = await import('./commands/diff.js');
      setExit(await diffCommand(from, to, root, options, io));
    });

  program
    .command('discover')
    .description('find AI use in code repositories (dependencies, imports, endpoints, model files) and match it against the AI system inventory')
    .argument('[paths...]', 'code folders to scan (default: discover.paths in aims.yaml, else the current folder)')
    .option('--root <dir>', 'the AIMS repository whose system records are the inventory (default: aims.yaml here or above)')
    .addOption(new Option('-f, --format <name>', 'output format').choices([...DISCOVER_FORMATS]).default('text'))
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .addOption(new Option('--output <file>').hideHelp())
    .addOption(new Option('--fail-on <status>', 'exit 1 when a use is unregistered, or unlisted or worse').choices(['unregistered', 'unlisted']))
    .option('--suggest', 'print a system record for each unregistered location, and the components each system is missing')
    .option('--sbom <file>', 'read a CycloneDX or SPDX JSON SBOM instead of source (repeatable)', (file: string, list: string[] | undefined) => [...(list ?? []), file])
    .option('--include-vendored', 'also scan vendored and dependency folders (node_modules, vendor, .venv, ...)')
    .option('--list-signatures', 'list the signatures of AI use (built-in and from aims.yaml) and exit')
    .addHelpText(
      'after',
      `
Examples:
  $ aims discover ../chat-service --root .         one code repository against this AIMS
  $ aims discover . --root ../aims --format sarif --out aims-discover.sarif --fail-on unregistered
                                                    in a code repository's CI, for code scanning
  $ aims discover services/* --suggest             system records to paste for unregistered AI use
  $ aims discover --sbom bom.json                  the same signatures applied to an SBOM

Reads only tracked files in a git repository (else honours .gitignore), never runs or unpickles
anything, and identifies model files by name and header bytes.
Exit codes: 0 ran (no use at --fail-on), 1 uses at or above --fail-on, 2 usage or internal failure.`,
    )
    .action(async (paths: string[], options: DiscoverCliOptions) => {
      const { discoverCommand } = await import('./commands/discover.js');
      setExit(await discoverCommand(paths, options, io));
    });

  program
    .command('verify')
    .description('check an evidence pack (folder or .zip) against its manifest, its signature and the checksum sent with it')
    .argument('<pack>', 'the pack folder, or the archive report pack --zip wrote')
    .option('--allowed-signers <file>', "check manifest.json.sig against these keys (git's allowed-signers format) and say who signed")
    .option('--expect-sha256 <hash>', "the manifest's SHA-256 as sent separately by the organisation")
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  $ aims verify audit-pack
  $ aims verify audit-pack.zip --expect-sha256 3f2a…   the checksum the organisation sent by another channel
  $ aims verify audit-pack --allowed-signers acme_allowed_signers

Exit codes: 0 intact (and signed by an allowed key, and matching the checksum, when asked);
1 not intact, not a valid pack, a bad or unknown signature, or a different checksum; 2 usage errors.`,
    )
    .action(async (dir: string, options: VerifyOptions & { format: string }) => {
      const { verifyCommand } = await import('./commands/verify.js');
      setExit(await verifyCommand(dir, options, io));
    });

  program
    .command('schema')
    .description('print the JSON Schema of a record kind, list them, or write them for editors')
    .argument('[kind]', 'a record kind, config, any-record or catalogue')
    .option('--write <dir>', 'write the schema of KIND, or without KIND every schema, into this folder (for editors: .aims/schemas)')
    .addHelpText('after', '\nExamples:\n  $ aims schema                      list the schemas\n  $ aims schema risk                 print the risk schema\n  $ aims schema --write .aims/schemas   refresh the copies that editors use\n  $ aims schema risk --write out     write only risk.schema.json')
    .action(async (kind: string | undefined, options: { write?: string }) => {
      const { schemaCommand } = await import('./commands/schema.js');
      setExit(await schemaCommand(kind, options, io));
    });

  program
    .command('init')
    .description('scaffold a new AIMS: aims.yaml, starting records, the SoA to decide, editor settings')
    .argument('[dir]', 'where to create it (default: the current directory)')
    .option('--organisation <name>', 'the organisation\'s name, written into aims.yaml')
    .option('--force', 'add the missing files when some already exist (existing files are never changed)')
    .addHelpText('after', '\nExamples:\n  $ git init my-aims && aims init my-aims --organisation "Acme Ltd"\n  $ aims init --force                 add what is missing, keep the rest')
    .action(async (dir: string | undefined, options: { organisation?: string; force?: boolean }) => {
      const { initCommand } = await import('./commands/init.js');
      setExit(await initCommand(dir, options, io));
    });

  program
    .command('new')
    .description('create a record of a kind with the next free id in its conventional folder, and print its path')
    .argument('<kind>', `one of: ${RECORD_KINDS.join(', ')}`)
    .argument('[root]', 'repository root (default: the current directory, or the nearest folder above with aims.yaml)')
    .option('--id <id>', 'use this id instead of the next free one')
    .option('--title <title>', 'the record\'s title')
    .option('--repository <path-or-url>', 'system only: code that makes up the system, for aims discover (repeatable)', (value: string, list: string[] | undefined) => [...(list ?? []), value])
    .option('--component <name>', 'system only: an AI provider, model or library it uses, by signature id (repeatable)', (value: string, list: string[] | undefined) => [...(list ?? []), value])
    .option('--root <dir>', 'repository root, as an option')
    .addHelpText('after', '\nExamples:\n  $ aims new risk --title "Model drift in fraud scoring"    → aims/risks/risk-007.yaml\n  $ aims new system --title "Chat service" --repository code/chat --component openai\n  $ code "$(aims new nonconformity)"')
    .action(async (kind: string, root: string | undefined, options: { id?: string; title?: string; root?: string; repository?: string[]; component?: string[] }) => {
      if (root !== undefined && options.root !== undefined) throw new InputError('give the root once: as the last argument or with --root');
      const { newCommand } = await import('./commands/new.js');
      setExit(await newCommand(kind, { ...options, ...(root !== undefined ? { root } : {}) }, io));
    });

  program
    .command('completion')
    .description('print a shell completion script')
    .addArgument(new Argument('<shell>', 'the shell').choices([...SHELLS]))
    .addHelpText('after', '\nExamples:\n  $ eval "$(aims completion bash)"            in ~/.bashrc\n  $ aims completion zsh > "${fpath[1]}/_aims"\n  $ aims completion fish > ~/.config/fish/completions/aims.fish')
    .action(async (shell: Shell) => {
      const { completionScript } = await import('./completion.js');
      const { builtInCatalogue } = await import('./commands/catalog.js');
      const { readSchemaTexts } = await import('../assets.js');
      const ids = (await builtInCatalogue()).entries.map((e) => e.id);
      const schemas = [...readSchemaTexts().keys()].map((n) => n.replace(/\.schema\.json$/, ''));
      io.stdout(completionScript(program, shell, { args: { new: RECORD_KINDS, schema: schemas }, options: { 'new --id': ids } }));
      setExit(ExitCode.ok);
    });

  return program;
}
