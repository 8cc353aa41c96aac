import {closestName} from '../core/pricing/model-names.js';

/** What the parser knew when it refused the command line. */
export interface UsageContext {
  /** The words before the flags: ["prices", "lst"]. */
  readonly words: readonly string[];
  /** The raw arguments, to tell an unknown flag (--task) from an unknown word (simulat). */
  readonly argv: readonly string[];
  /** The commands at the top, and the actions under each command that has them. */
  readonly commands: readonly string[];
  readonly actions: Readonly<Record<string, readonly string[]>>;
  /** Every flag the command takes. */
  readonly flags: readonly string[];
}

export interface UsageMessage {
  readonly message: string;
  readonly hint: string;
}

/** What each command misses when a word it needs is not there (no command at all: see missing()). */
const MISSING: Record<string, string> = {
  'prices show': 'prices show: name a model, as in vibe-cost prices show claude-sonnet-4-5',
  'prices validate':
    'prices validate: name the price sheet to check, as in vibe-cost prices validate my-sheet.json',
};

const suggest = (query: string, names: readonly string[], prefix = '') => {
  const near = closestName(query, names);
  return near ? `; did you mean ${prefix}${near}?` : '';
};

/**
 * yargs' own messages ("Unknown argument: task", a multi-line "Invalid values:", "Not enough
 * non-option arguments") in this project's style: one line saying what is wrong and where, the
 * nearest right spelling, and where to read more.
 */
export function usageMessage(raw: string, ctx: UsageContext): UsageMessage {
  const command = ctx.words.filter((w, i) =>
    i === 0 ? ctx.commands.includes(w) : ctx.actions[ctx.words[0] as string]?.includes(w),
  );
  const help = `run \`vibe-cost ${command.length ? `${command.join(' ')} ` : ''}--help\` for the ${command.length ? 'flags' : 'commands'}`;
  const at = (message: string) => ({message, hint: help});

  const unknown = /^Unknown arguments?: (.+)$/s.exec(raw);
  if (unknown) {
    const names = (unknown[1] as string).split(', ');
    const word = names.find((n) => !isFlag(n, ctx.argv));
    if (word !== undefined) return at(unknownWord(word, command, ctx));
    const flag = names[0] as string;
    return at(
      `unknown flag ${dashes(flag)}${suggest(
        flag,
        ctx.flags.filter((f) => f.length > 1),
        '--',
      )}`,
    );
  }
  const invalid = /^Invalid values:\s+Argument: (\S+), Given: "(.*)", Choices: (.*)$/s.exec(raw);
  if (invalid) {
    const [, flag = '', given = '', list = ''] = invalid;
    const choices = list.split(', ').map((c) => c.replace(/^"|"$/g, ''));
    return at(`--${flag}: "${given}" is not one of ${choices.join(', ')}${suggest(given, choices)}`);
  }
  const following = /^Not enough arguments following: (\S+)$/.exec(raw);
  if (following) return at(`${dashes(following[1] as string)} needs a value`);
  const required = /^Missing required arguments?: (.+)$/.exec(raw);
  if (required) return at(`${(required[1] as string).split(', ').map(dashes).join(', ')}: required`);
  if (/^Not enough non-option arguments|^name an? (command|action)/.test(raw)) {
    // A word that is not a command or action makes yargs ask for one: say which word it did not know.
    const extra = ctx.words[command.length];
    if (extra !== undefined) return at(unknownWord(extra, command, ctx));
    return at(missing(command.join(' '), ctx));
  }
  return at(raw.replace(/\s*\n\s*/g, '; '));
}

/** The lists of commands and actions are the parser's own, so that one added is one offered. */
function missing(command: string, ctx: UsageContext): string {
  if (command === '') return `name a command: ${either(ctx.commands)}`;
  const actions = ctx.actions[command];
  if (actions) return `${command}: name an action: ${either(actions)}`;
  return MISSING[command] ?? `${command}: missing an argument`;
}

/** "a, b or c". */
function either(names: readonly string[]): string {
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`;
}

function unknownWord(word: string, command: readonly string[], ctx: UsageContext): string {
  if (command.length === 0) return `unknown command "${word}"${suggest(word, ctx.commands)}`;
  const actions = ctx.actions[command[0] as string];
  if (actions && command.length === 1)
    return `${command[0]}: unknown action "${word}"${suggest(word, actions)}`;
  return `${command.join(' ')}: unexpected argument "${word}"`;
}

function isFlag(name: string, argv: readonly string[]): boolean {
  // yargs names an unknown --max-tasks twice, the second time as maxTasks.
  const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  if (kebab !== name && isFlag(kebab, argv)) return true;
  return argv.some(
    (a) =>
      a === dashes(name) ||
      a.startsWith(`${dashes(name)}=`) ||
      (name.length === 1 && /^-[a-zA-Z]+$/.test(a) && a.includes(name)),
  );
}

function dashes(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}
