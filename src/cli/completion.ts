import type { Command } from 'commander';
import type { SHELLS } from './choices.js';

/** Shell completion scripts generated from the commander program, so they never drift from it. */

interface Spec {
  name: string;
  description: string;
  flags: string[];
  subcommands: Spec[];
}

function specOf(command: Command): Spec {
  return {
    name: command.name(),
    description: command.description(),
    flags: command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => typeof f === 'string')).concat('--help'),
    subcommands: command.commands.map(specOf),
  };
}

export type Shell = (typeof SHELLS)[number];

export function completionScript(program: Command, shell: Shell): string {
  const spec = specOf(program);
  if (shell === 'fish') return fish(spec);
  return shell === 'zsh' ? zsh(spec) : bash(spec);
}

function bash(spec: Spec): string {
  const cases = spec.subcommands
    .map((c) => {
      const words = [...c.subcommands.map((s) => s.name), ...c.flags, ...c.subcommands.flatMap((s) => s.flags)];
      return `    ${c.name}) opts="${[...new Set(words)].join(' ')}" ;;`;
    })
    .join('\n');
  return `# aims bash completion: eval "$(aims completion bash)" in ~/.bashrc
_aims() {
  local cur cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${spec.subcommands.map((c) => c.name).join(' ')} ${spec.flags.join(' ')}" -- "$cur") )
    return
  fi
  case "$cmd" in
${cases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "$(echo "$opts" | tr ' ' '\\n' | grep -v '^-')" -- "$cur") $(compgen -f -- "$cur") )
  fi
}
complete -F _aims aims
`;
}

function zsh(spec: Spec): string {
  const quote = (s: string): string => s.replace(/'/g, "'\\''").replace(/:/g, '\\:');
  const commands = spec.subcommands.map((c) => `    '${c.name}:${quote(c.description)}'`).join('\n');
  const cases = spec.subcommands
    .map((c) => `    ${c.name}) _arguments ${[...new Set([...c.flags, ...c.subcommands.flatMap((s) => s.flags)])].map((f) => `'${f}'`).join(' ')}${c.subcommands.length > 0 ? ` '1:subcommand:(${c.subcommands.map((s) => s.name).join(' ')})'` : ''} '*:file:_files' ;;`)
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
    lines.push(`complete -c aims -n '__fish_use_subcommand' -a ${c.name} -d ${quote(c.description)}`);
    for (const s of c.subcommands) lines.push(`complete -c aims -n '__fish_seen_subcommand_from ${c.name}' -a ${s.name} -d ${quote(s.description)}`);
    const longs = [...new Set([...c.flags, ...c.subcommands.flatMap((s) => s.flags)])].filter((f) => f.startsWith('--'));
    for (const f of longs) lines.push(`complete -c aims -n '__fish_seen_subcommand_from ${c.name}' -l ${f.slice(2)} -r -F`);
  }
  return lines.join('\n') + '\n';
}
