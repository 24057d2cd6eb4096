import type { Command } from 'commander';
import type { SHELLS } from './choices.js';

/**
 * Shell completion scripts generated from the commander program, so they never drift from
 * it: commands and their aliases, options, and the values an option or argument takes (a
 * format, a kind, a shell, a clause or control id) instead of file names where files make
 * no sense.
 */

interface Spec {
  name: string;
  aliases: string[];
  description: string;
  flags: string[];
  /** Option → the values it takes (from commander's choices, or given). */
  values: Map<string, string[]>;
  /** Values of the positional arguments that have a fixed set (kinds, shells). */
  args: string[];
  /** Whether a positional argument or option is a path, so file names belong there. */
  files: boolean;
  /** Options that take a value. */
  takesValue: Set<string>;
  subcommands: Spec[];
}

/** Values commander cannot know: what a free argument or option of a command may be. */
export interface CompletionValues {
  /** Command name → values of its positional arguments. */
  args?: Readonly<Record<string, readonly string[]>>;
  /** "command --option" → the values it takes. */
  options?: Readonly<Record<string, readonly string[]>>;
}

const PATH_ARGS = new Set(['root', 'dir']);
const PATH_OPTIONS = new Set(['--output', '--out', '--baseline', '--write-baseline', '--root', '--templates', '--write']);

function specOf(command: Command, extra: CompletionValues): Spec {
  const values = new Map<string, string[]>();
  for (const o of command.options) {
    const given = o.long ? extra.options?.[`${command.name()} ${o.long}`] : undefined;
    const choices = given ?? o.argChoices;
    if (!choices) continue;
    for (const flag of [o.long, o.short]) if (flag) values.set(flag, [...choices]);
  }
  const registered = command.registeredArguments;
  const args = [...registered.flatMap((a) => a.argChoices ?? []), ...(extra.args?.[command.name()] ?? [])];
  return {
    name: command.name(),
    aliases: command.aliases(),
    description: command.description(),
    flags: command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => typeof f === 'string')).concat('--help'),
    values,
    args,
    files: registered.some((a) => PATH_ARGS.has(a.name())),
    takesValue: new Set(command.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short].filter((f): f is string => typeof f === 'string'))),
    subcommands: command.commands.map((c) => specOf(c, extra)),
  };
}

export type Shell = (typeof SHELLS)[number];

export function completionScript(program: Command, shell: Shell, extra: CompletionValues = {}): string {
  const spec = specOf(program, extra);
  if (shell === 'fish') return fish(spec);
  return shell === 'zsh' ? zsh(spec) : bash(spec);
}

/** A command's options with their values, merged with its subcommands' (`report --format` is soa's). */
function allValues(c: Spec): Map<string, string[]> {
  const merged = new Map<string, string[]>();
  for (const s of [c, ...c.subcommands]) for (const [flag, v] of s.values) merged.set(flag, [...new Set([...(merged.get(flag) ?? []), ...v])]);
  return merged;
}

function names(c: Spec): string[] {
  return [c.name, ...c.aliases];
}

function bash(spec: Spec): string {
  const top = spec.subcommands.flatMap(names);
  const cases = spec.subcommands
    .map((c) => {
      const flags = [...new Set([...c.flags, ...c.subcommands.flatMap((s) => s.flags)])];
      const words = [...c.subcommands.map((s) => s.name), ...c.args];
      const valueCases = [...allValues(c)].map(([flag, v]) => `        ${flag}) COMPREPLY=( $(compgen -W "${v.join(' ')}" -- "$cur") ); return ;;`);
      const files = c.files || c.subcommands.some((s) => s.files);
      return [
        `    ${names(c).join('|')})`,
        `      opts="${flags.join(' ')}"`,
        `      words="${words.join(' ')}"`,
        `      files=${files ? 1 : 0}`,
        ...(valueCases.length > 0 ? ['      case "$prev" in', ...valueCases, '      esac'] : []),
        '      ;;',
      ].join('\n');
    })
    .join('\n');
  return `# aims bash completion: eval "$(aims completion bash)" in ~/.bashrc
_aims() {
  local cur prev cmd opts words files
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${top.join(' ')} ${spec.flags.join(' ')}" -- "$cur") )
    return
  fi
  opts=""; words=""; files=0
  case "$prev" in
    ${[...PATH_OPTIONS].join('|')}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
  esac
  case "$cmd" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  elif [ "$files" -eq 1 ] && { [ -z "$words" ] || [ "$COMP_CWORD" -gt 2 ]; }; then
    COMPREPLY=( $(compgen -W "$words" -- "$cur") $(compgen -f -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  fi
}
complete -F _aims aims
`;
}

function zsh(spec: Spec): string {
  const quote = (s: string): string => s.replace(/'/g, "'\\''").replace(/:/g, '\\:');
  const commands = spec.subcommands.flatMap((c) => names(c).map((n) => `    '${n}:${quote(c.description)}'`)).join('\n');
  const cases = spec.subcommands
    .map((c) => {
      const values = allValues(c);
      const flags = [...new Set([...c.flags, ...c.subcommands.flatMap((s) => s.flags)])].map((f) => {
        const v = values.get(f);
        return v ? `'${f}:value:(${v.join(' ')})'` : `'${f}'`;
      });
      const first = c.subcommands.length > 0 ? [`'1:subcommand:(${c.subcommands.map((s) => s.name).join(' ')})'`] : c.args.length > 0 ? [`'1:value:(${c.args.join(' ')})'`] : [];
      const rest = c.files || c.subcommands.some((s) => s.files) ? [`'*:file:_files'`] : [];
      return `    ${names(c).join('|')}) _arguments ${[...flags, ...first, ...rest].join(' ')} ;;`;
    })
    .join('\n');
  return `#compdef aims
# aims zsh completion: aims completion zsh > "\${fpath[1]}/_aims"
_aims() {
  local -a commands
  commands=(
${commands}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case "$words[2]" in
${cases}
  esac
}
_aims "$@"
`;
}

function fish(spec: Spec): string {
  const lines = ['# aims fish completion: aims completion fish > ~/.config/fish/completions/aims.fish', 'complete -c aims -f'];
  const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  for (const c of spec.subcommands) {
    const seen = `__fish_seen_subcommand_from ${names(c).join(' ')}`;
    for (const n of names(c)) lines.push(`complete -c aims -n '__fish_use_subcommand' -a ${n} -d ${quote(c.description)}`);
    for (const s of c.subcommands) lines.push(`complete -c aims -n '${seen}' -a ${s.name} -d ${quote(s.description)}`);
    if (c.args.length > 0) lines.push(`complete -c aims -n '${seen}' -a ${quote(c.args.join(' '))}`);
    const values = allValues(c);
    const longs = [...new Set([...c.flags, ...c.subcommands.flatMap((s) => s.flags)])].filter((f) => f.startsWith('--'));
    for (const f of longs) {
      const v = values.get(f);
      const takes = [c, ...c.subcommands].some((s) => s.takesValue.has(f));
      lines.push(`complete -c aims -n '${seen}' -l ${f.slice(2)}${v ? ` -x -a ${quote(v.join(' '))}` : PATH_OPTIONS.has(f) ? ' -r -F' : takes ? ' -x' : ''}`);
    }
    if (c.files || c.subcommands.some((s) => s.files)) lines.push(`complete -c aims -n '${seen}' -F`);
  }
  return lines.join('\n') + '\n';
}
