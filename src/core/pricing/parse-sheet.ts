import {BadDocument} from '../domain-errors.js';
import {isCapability} from '../capability.js';
import {ExactNumber, isObject, JsonSyntaxError, parseExactJson, type ExactJson} from '../exact-json.js';
import {convertLiteLlm, looksLikeLiteLlm} from './litellm-sheet.js';
import {convertOpenRouter, looksLikeOpenRouter} from './openrouter-sheet.js';
import {parseMoney, type Money} from '../money.js';
import {chainTiers} from './context-tiers.js';
import type {
  LongContextTier,
  ModelPrice,
  Multipliers,
  PerCall,
  PriceChange,
  PriceSheet,
  Rates,
} from './model-price.js';

const RATE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a price sheet in either format, told apart by content, never by file name. */
export function parsePriceSheet(text: string, origin: string): PriceSheet {
  const fast = quickOwnSheet(text);
  if (fast) return parseOwnSheet(fast, origin);
  let json: ExactJson;
  try {
    json = parseExactJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new BadDocument({
        trouble: 'sheet-not-json',
        origin,
        line: error.line,
        problem: `not valid JSON (${error.message})`,
      });
    }
    throw error;
  }
  if (isObject(json) && Array.isArray(json['models'])) return parseOwnSheet(json, origin);
  if (looksLikeLiteLlm(json)) return convertLiteLlm(json, origin);
  if (looksLikeOpenRouter(json)) return convertOpenRouter(json, origin);
  throw new BadDocument({
    trouble: 'not-a-sheet',
    origin,
    problem: `not a price sheet: expected {"schemaVersion":1,"provider":…,"models":[…]}, LiteLLM's model_prices_and_context_window.json or OpenRouter's /api/v1/models`,
  });
}

/**
 * A sheet as read: by the exact parser (numbers as their text), or by JSON.parse for this project's
 * own sheets, which write prices as strings, so JSON.parse loses nothing on them and is several
 * times faster; the numbers left there (counts, thresholds) are whole, and are taken as they are,
 * not copied into the exact parser's shape (a fifth of reading the bundled sheets at every start).
 */
type SheetJson = null | boolean | string | number | ExactNumber | SheetJson[] | {[key: string]: SheetJson};

function quickOwnSheet(text: string): {[key: string]: SheetJson} | undefined {
  if (!text.includes('"models"')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as {models?: unknown}).models))
    return undefined;
  return json as {[key: string]: SheetJson};
}

/**
 * A number's text: as the exact parser kept it, or, from JSON.parse, the shortest decimal that
 * round-trips, which is its text for anything written with up to 15 significant digits.
 */
function numberText(value: SheetJson | undefined): string | undefined {
  return value instanceof ExactNumber ? value.text : typeof value === 'number' ? String(value) : undefined;
}

function parseOwnSheet(sheet: {[key: string]: SheetJson}, origin: string): PriceSheet {
  const fail = (model: string | undefined, field: string, problem: string): never => {
    const place = [model && `model "${model}"`, field && `field ${field}`].filter(Boolean).join(': ');
    throw new BadDocument({trouble: 'bad-sheet-field', origin, ...(place ? {place} : {}), problem});
  };
  const str = (
    obj: {[key: string]: SheetJson},
    key: string,
    model: string | undefined,
    required: boolean,
  ) => {
    const value = obj[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '')
      return fail(model, key, `expected text, got ${show(value)}`);
    return value;
  };
  if (numberText(sheet['schemaVersion']) !== '1') {
    fail(undefined, 'schemaVersion', `expected 1, got ${show(sheet['schemaVersion'])}`);
  }
  const provider = str(sheet, 'provider', undefined, true) as string;
  const asOf = str(sheet, 'asOf', undefined, true) as string;
  if (!DATE.test(asOf)) fail(undefined, 'asOf', `expected a date YYYY-MM-DD, got ${show(asOf)}`);
  const source = str(sheet, 'source', undefined, true) as string;
  const sheetByok = sheet['byokable'] === undefined ? true : sheet['byokable'];
  // Per-call prices stated once for every model of the sheet (Anthropic's web search), unless a model says otherwise.
  const sheetPerCall = parsePerCall(sheet['perCallUsd'], (field, problem) =>
    fail(undefined, `perCallUsd.${field}`, problem),
  );
  if (typeof sheetByok !== 'boolean')
    fail(undefined, 'byokable', `expected true or false, got ${show(sheetByok)}`);

  const models: ModelPrice[] = [];
  const seen = new Set<string>();
  const list = sheet['models'] as SheetJson[];
  // An index loop and fields set one by one, in the order a model's fields are written: the
  // bundled sheets are read at every start, while V8 still interprets, where destructuring
  // entries() and spreading objects cost more than the rest of this loop.
  for (let index = 0; index < list.length; index++) {
    const raw = list[index];
    if (!isObject(raw)) return fail(`#${index + 1}`, '', `expected an object, got ${show(raw)}`);
    const id = str(raw, 'id', `#${index + 1}`, true) as string;
    if (seen.has(id)) fail(id, 'id', 'appears twice in this sheet');
    seen.add(id);
    const capability = raw['capability'];
    if (!isCapability(capability))
      fail(id, 'capability', `expected frontier, mid, small or open, got ${show(capability)}`);
    const byokable = raw['byokable'] ?? sheetByok;
    if (typeof byokable !== 'boolean') fail(id, 'byokable', `expected true or false, got ${show(byokable)}`);
    const aliases = raw['aliases'] ?? [];
    if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string'))
      fail(id, 'aliases', 'expected a list of names');
    const rates = parseRates(
      raw['usdPerMTok'],
      (field, problem) => fail(id, `usdPerMTok.${field}`, problem),
      true,
    );
    const displayName = str(raw, 'displayName', id, false);
    const modelAsOf = str(raw, 'asOf', id, false) ?? asOf;
    if (!DATE.test(modelAsOf)) fail(id, 'asOf', `expected a date YYYY-MM-DD, got ${show(modelAsOf)}`);
    const longContext = parseLongContext(raw['longContext'], (field, problem) =>
      fail(id, `longContext.${field}`, problem),
    );
    const multipliers = parseMultipliers(raw['multipliers'], (field, problem) =>
      fail(id, `multipliers.${field}`, problem),
    );
    const maxInput = raw['maxInputTokens'];
    const maxText = numberText(maxInput);
    const maxInputTokens = maxText === undefined ? undefined : Number(maxText);
    if (
      maxInput !== undefined &&
      (maxInputTokens === undefined || !Number.isSafeInteger(maxInputTokens) || maxInputTokens <= 0)
    )
      fail(id, 'maxInputTokens', `expected a whole number of tokens, got ${show(maxInput)}`);
    const perCall =
      parsePerCall(raw['perCallUsd'], (field, problem) => fail(id, `perCallUsd.${field}`, problem)) ??
      sheetPerCall;
    const changes = parseChanges(raw['changes'], (field, problem) => fail(id, `changes${field}`, problem));
    const model: Partial<Writable<ModelPrice>> = {id, provider: str(raw, 'provider', id, false) ?? provider};
    if (displayName) model.displayName = displayName;
    model.aliases = aliases as string[];
    model.capability = capability as ModelPrice['capability'];
    // Set in sheets written from LiteLLM's or OpenRouter's lists: a sheet of ours that knows the model wins.
    if (raw['capabilityGuessed'] === true) model.capabilityGuessed = true;
    model.byokable = byokable as boolean;
    model.rates = rates;
    if (longContext) model.longContext = longContext;
    if (multipliers) model.multipliers = multipliers;
    if (perCall) model.perCall = perCall;
    if (maxInputTokens) model.maxInputTokens = maxInputTokens;
    if (changes.length) model.changes = changes;
    model.asOf = modelAsOf;
    model.source = str(raw, 'source', id, false) ?? source;
    model.origin = origin;
    models.push(model as ModelPrice);
  }
  return {summary: {origin, format: 'vibe-cost', asOf, models: models.length}, models};
}

type Fail = (field: string, problem: string) => never;

type Writable<T> = {-readonly [K in keyof T]: T[K]};

/**
 * Prices, factors and per-call prices by their text, parsed once a process: the bundled sheets,
 * read at every start, hold 518 of them in 102 texts. Money is immutable, so one can stand for all.
 */
const sheetNumbers = new Map<string, Money | undefined>();

function sheetMoney(text: string | undefined): Money | undefined {
  if (text === undefined) return undefined;
  if (!sheetNumbers.has(text)) sheetNumbers.set(text, parseMoney(text));
  return sheetNumbers.get(text);
}

/** A price's text: written as a string, so no float ever touches it, or a bare JSON number read from its text. */
function priceText(value: SheetJson | undefined): string | undefined {
  return typeof value === 'string' ? value : numberText(value);
}

function parseRates(raw: SheetJson | undefined, fail: Fail, requireInputOutput: boolean): Rates {
  if (!isObject(raw)) return fail('', `expected an object of USD-per-million-token prices, got ${show(raw)}`);
  const rates: {-readonly [K in keyof Rates]: Money} = {};
  for (const field in raw) {
    const value = raw[field];
    if (!(RATE_FIELDS as readonly string[]).includes(field))
      fail(field, `unknown price field (known: ${RATE_FIELDS.join(', ')})`);
    const text = priceText(value);
    const money = sheetMoney(text);
    if (!money) return fail(field, `expected a decimal price such as "3.75", got ${show(value)}`);
    if (money.isNegative()) fail(field, `a price cannot be negative, got ${text}`);
    rates[field as keyof Rates] = money;
  }
  if (requireInputOutput) {
    for (const field of ['input', 'output'] as const)
      if (!rates[field]) fail(field, 'missing: every model needs input and output prices');
  }
  return rates;
}

/** One long-context tier, or a list of them in rising thresholds (prices in several prompt-size steps). */
function parseLongContext(raw: SheetJson | undefined, fail: Fail): LongContextTier | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (Array.isArray(raw)) {
    const steps = raw.map(
      (step, i) => parseLongContext(step, (f, p) => fail(`[${i}]${f ? `.${f}` : ''}`, p)) as LongContextTier,
    );
    if (steps.length === 0) return fail('', 'expected at least one tier');
    steps.forEach(
      (s, i) =>
        i > 0 &&
        s.thresholdTokens <= (steps[i - 1] as LongContextTier).thresholdTokens &&
        fail(`[${i}].thresholdTokens`, 'tiers must rise: each threshold above the one before'),
    );
    return chainTiers(steps);
  }
  if (!isObject(raw)) return fail('', `expected an object, got ${show(raw)}`);
  const threshold = raw['thresholdTokens'];
  const thresholdTokens = Number(numberText(threshold) ?? NaN);
  if (!Number.isSafeInteger(thresholdTokens) || thresholdTokens <= 0)
    fail('thresholdTokens', `expected a whole number of tokens, got ${show(threshold)}`);
  const wholeRequest = raw['wholeRequest'];
  if (typeof wholeRequest !== 'boolean')
    fail('wholeRequest', `expected true or false, got ${show(wholeRequest)}`);
  return {
    thresholdTokens,
    wholeRequest: wholeRequest as boolean,
    rates: parseRates(raw['usdPerMTok'], (f, p) => fail(`usdPerMTok.${f}`, p), false),
  };
}

function parseMultipliers(raw: SheetJson | undefined, fail: Fail): Multipliers | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) return fail('', `expected an object such as {"batch": "0.5"}, got ${show(raw)}`);
  const result: {-readonly [K in keyof Multipliers]: Money} = {};
  for (const [field, value] of Object.entries(raw)) {
    if (!['batch', 'priority', 'fast'].includes(field))
      fail(field, 'unknown multiplier (known: batch, priority, fast)');
    const money = sheetMoney(priceText(value));
    if (!money || !money.isPositive())
      return fail(field, `expected a positive factor such as "0.5", got ${show(value)}`);
    result[field as keyof Multipliers] = money;
  }
  return result;
}

function parsePerCall(raw: SheetJson | undefined, fail: Fail): PerCall | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) return fail('', `expected an object such as {"webSearch": "0.01"}, got ${show(raw)}`);
  const result: {-readonly [K in keyof PerCall]: Money} = {};
  for (const [field, value] of Object.entries(raw)) {
    if (field !== 'webSearch') fail(field, 'unknown per-call price (known: webSearch)');
    const money = sheetMoney(priceText(value));
    if (!money || money.isNegative())
      return fail(field, `expected a price in USD per call such as "0.01", got ${show(value)}`);
    result[field as keyof PerCall] = money;
  }
  return result;
}

function parseChanges(raw: SheetJson | undefined, fail: Fail): PriceChange[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw))
    return fail('', `expected a list of {"effective": "YYYY-MM-DD", "usdPerMTok": {...}}, got ${show(raw)}`);
  let previous = '';
  return raw.map((change, i) => {
    const at = (field: string, problem: string) => fail(`[${i}].${field}`, problem);
    if (!isObject(change)) return at('', `expected an object, got ${show(change)}`);
    const effective = change['effective'];
    if (typeof effective !== 'string' || !DATE.test(effective))
      return at('effective', `expected a date YYYY-MM-DD, got ${show(effective)}`);
    if (effective <= previous)
      at('effective', `changes must be in date order; ${effective} follows ${previous}`);
    previous = effective;
    const rates = parseRates(change['usdPerMTok'], (f, p) => at(`usdPerMTok.${f}`, p), true);
    const longContext =
      change['longContext'] === null
        ? null
        : parseLongContext(change['longContext'], (f, p) => at(`longContext.${f}`, p));
    return {effective, rates, ...(longContext !== undefined ? {longContext} : {})};
  });
}

function show(value: SheetJson | undefined): string {
  if (value === undefined) return 'nothing';
  if (value instanceof ExactNumber) return value.text;
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
