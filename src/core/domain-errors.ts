import type {SettingRef} from './settings.js';

/**
 * What core refuses, said as data: the file, the place in it and the problem, or the model name no
 * sheet knows. Core knows no flags, commands or exit codes: a front end words these its own way
 * (the CLI adds a hint and an exit code in commands/refusals.ts; the dashboard shows the message).
 */
export class DomainError extends Error {}

/**
 * What is wrong with a document, for the front end to choose its advice: a data file (plan, profile,
 * settings) that is not an object or has a bad field; a price sheet that is not JSON, not a price
 * sheet, or has a bad field; a plan's free-tier model that no sheet prices; a model an app's retry
 * and escalation ladder names that has no solve rate.
 */
export type Trouble =
  | 'not-an-object'
  | 'bad-field'
  | 'sheet-not-json'
  | 'not-a-sheet'
  | 'bad-sheet-field'
  | 'unpriced-pool-model'
  | 'unrated-ladder-model';

export interface BadDocumentDetail {
  readonly trouble: Trouble;
  /** The file (or URL) read. */
  readonly origin: string;
  readonly line?: number;
  /** Where in it: `plan "x": field free.dailyCap.count`, `model "gpt-5": field usdPerMTok.input`. */
  readonly place?: string;
  /** What is wrong, quoting the value: `expected a whole number from 0 up, got -1`. */
  readonly problem: string;
}

/** A data file or price sheet that does not say what it must: `plans/x.json: plan "x": field y: expected …, got …`. */
export class BadDocument extends DomainError {
  readonly detail: BadDocumentDetail;
  constructor(detail: BadDocumentDetail) {
    const {origin, line, place, problem} = detail;
    super(`${origin}${line === undefined ? '' : `:${line}`}${place ? `: ${place}` : ''}: ${problem}`);
    this.detail = detail;
  }
}

/**
 * A model name no price sheet knows. `where` says where the name was given: a setting (the model
 * asked for) or the field of a file that names it (`profile "x" class "y" model`).
 */
export class UnknownModel extends DomainError {
  readonly query: string;
  readonly nearest: readonly string[];
  readonly where: SettingRef | string;
  constructor(query: string, nearest: readonly string[], where: SettingRef | string) {
    super(unknownModelText(query, nearest, typeof where === 'string' ? where : where.setting));
    this.query = query;
    this.nearest = nearest;
    this.where = where;
  }

  /** The message with `where` written as the front end names it (the CLI: a setting by its flag). */
  said(where: string): string {
    return unknownModelText(this.query, this.nearest, where);
  }
}

function unknownModelText(query: string, nearest: readonly string[], where: string): string {
  return `${where}: unknown model "${query}"${nearest.length ? `; nearest: ${nearest.join(', ')}` : ''}`;
}
