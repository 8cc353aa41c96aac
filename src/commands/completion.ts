import type {Arguments, Argv} from 'yargs';
import {CAPABILITIES} from '../core/capability.js';
import {DIMENSIONS} from '../core/history/usage-record.js';
import {SOURCE_IDS} from '../io/usage/sources/source-ids.js';
import {DIALECTS, SQL_SOURCES} from '../core/usage-sql/names.js';
import {bundledNames, loadPriceBook} from '../io/load-data.js';
import {completionScript, SHELLS, type Shell} from '../output/completion-scripts.js';
import {FORMATS} from './names.js';
import {print} from './output.js';

/** The setups --current takes (the candidates' ids; app:NAME comes from the settings file). */
const SETUPS = [
  'all-byok',
  'all-platform',
  'all-free',
  'free-then-platform',
  'hybrid-free-byok',
  'your-keys',
];

/** The values a flag takes, for the shell to offer after it; undefined for a flag without a fixed set. */
function flagValues(flag: string, command: string | undefined): readonly string[] | undefined {
  switch (flag) {
    case '--plan':
      return bundledNames('platforms');
    case '--profile':
      return bundledNames('profiles');
    case '--model':
      return loadPriceBook([])
        .models.map((m) => m.id)
        .sort();
    case '--current':
      return SETUPS;
    case '--source':
      return command === 'sql' ? SQL_SOURCES : SOURCE_IDS;
    case '--dialect':
      return DIALECTS;
    case '--format':
      return FORMATS;
    case '--needs':
      return CAPABILITIES;
    case '--by':
      return DIMENSIONS;
    default:
      return undefined;
  }
}

/**
 * The candidates for the word being completed, when it is the value of a flag with a fixed set
 * (`--plan cre<TAB>`); undefined to let yargs offer commands and flags. `words` are the shell's
 * words after `--get-yargs-completions`, the one being completed last.
 */
export function valueCompletions(words: readonly string[]): string[] | undefined {
  // words[0] is the program's own name; the command follows it.
  const values = flagValues(
    words[words.length - 2] ?? '',
    words.find((w, i) => i > 0 && !w.startsWith('-')),
  );
  const current = words[words.length - 1] ?? '';
  return values?.filter((v) => v.startsWith(current));
}

/** How the script should call us: through npx when npx ran us (npm sets npm_command=exec). */
function appPath(): string {
  return process.env['npm_command'] === 'exec' ? 'npx --no-install vibe-cost' : 'vibe-cost';
}

function shellFromEnv(): Shell {
  const name = (process.env['SHELL'] ?? '').replace(/^.*\//, '');
  return (SHELLS as readonly string[]).includes(name) ? (name as Shell) : 'bash';
}

export const completionCommand = {
  command: 'completion [shell]',
  describe:
    'print a shell completion script (bash, zsh or fish): commands, flags and the values of --plan, --profile, --model, --current, --source, --dialect, --format',
  builder: (yargs: Argv) =>
    yargs
      .positional('shell', {choices: SHELLS, describe: 'the shell (default: from $SHELL, else bash)'})
      .example('$0 completion bash >> ~/.bashrc', 'bash, after a global install (npm i -g vibe-cost)')
      .example('$0 completion zsh >> ~/.zshrc', 'zsh')
      .example('$0 completion fish > ~/.config/fish/completions/vibe-cost.fish', 'fish'),
  handler: (argv: Arguments) => {
    print(completionScript((argv['shell'] as Shell | undefined) ?? shellFromEnv(), appPath()));
  },
};
