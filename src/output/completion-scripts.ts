export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/**
 * A shell's completion script for vibe-cost. Each asks `APP --get-yargs-completions WORDS` for the
 * candidates, so commands, flags and flag values (--plan, --model, ...) come from the program that
 * runs them. `app` is how the script calls it: `vibe-cost`, or `npx --no-install vibe-cost`.
 */
export function completionScript(shell: Shell, app: string): string {
  const ask = `${app} --get-yargs-completions`;
  if (shell === 'fish') {
    return `# vibe-cost completion for fish. Install: vibe-cost completion fish > ~/.config/fish/completions/vibe-cost.fish
complete -c vibe-cost -f -a '(${ask} (commandline -opc) (commandline -ct))'
`;
  }
  if (shell === 'zsh') {
    return `#compdef vibe-cost
# vibe-cost completion for zsh. Install: vibe-cost completion zsh >> ~/.zshrc
_vibe_cost_completions() {
  local reply
  local si=$IFS
  IFS=$'\\n' reply=($(COMP_CWORD="$((CURRENT-1))" COMP_LINE="$BUFFER" COMP_POINT="$CURSOR" ${ask} "\${words[@]}"))
  IFS=$si
  if [[ \${#reply} -gt 0 ]]; then
    _describe 'values' reply
  else
    _default
  fi
}
compdef _vibe_cost_completions vibe-cost
`;
  }
  return `# vibe-cost completion for bash. Install: vibe-cost completion bash >> ~/.bashrc
_vibe_cost_completions() {
  local cur_word="\${COMP_WORDS[COMP_CWORD]}"
  local type_list
  mapfile -t type_list < <(${ask} "\${COMP_WORDS[@]}")
  mapfile -t COMPREPLY < <(compgen -W "\${type_list[*]}" -- "\${cur_word}")
  return 0
}
complete -o bashdefault -o default -F _vibe_cost_completions vibe-cost
`;
}
