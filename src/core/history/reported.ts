import {Money, ZERO} from '../money.js';

interface Cell {
  readonly provider: string;
  /** From cost-only rows (a billed cost export). */
  billed?: ExactSum;
  /** Carried on token rows (ccusage's costUSD, a generic cost_usd, OpenRouter's cost_total). */
  onTokens?: ExactSum;
  /** Token rows whose amount is a tool's own estimate, not a charge (Claude Code's costUSD), and all with one. */
  estimated: number;
  onTokenRows: number;
  /** Cost-only rows, counted among the amounts reported. */
  billedRows: number;
}

/** `\d{1,6}(\.\d{1,9})?` as whole nanodollars, read by hand (a regular expression per row cost a thirtieth of an import); else undefined. */
export function plainNanos(text: string): number | undefined {
  const n = text.length;
  let whole = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return undefined;
    whole = whole * 10 + (c - 48);
  }
  if (i === 0 || i > 6) return undefined;
  if (i === n) return whole * 1e9;
  const digits = n - i - 1;
  if (digits < 1 || digits > 9) return undefined;
  let fraction = 0;
  for (let k = i + 1; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return undefined;
    fraction = fraction * 10 + (c - 48);
  }
  return whole * 1e9 + fraction * 10 ** (9 - digits);
}

/**
 * An exact running sum of amounts written as decimal text. Plain ones (under $10^6, at most nine
 * decimals, as nearly every export writes them) are summed as whole nanodollars in a float, exact
 * below 2^53; the rest, and the float whenever it would pass that, go into a decimal. A million
 * rows' costs summed in decimal.js took a sixth of an import.
 */
class ExactSum {
  private nanos = 0;
  private decimal: Money | undefined;

  add(text: string): void {
    const nanos = plainNanos(text);
    if (nanos === undefined) {
      this.decimal = (this.decimal ?? ZERO).add(new Money(text));
      return;
    }
    if (this.nanos + nanos > Number.MAX_SAFE_INTEGER) this.flush();
    this.nanos += nanos;
  }

  value(): Money {
    this.flush();
    return this.decimal ?? ZERO;
  }

  private flush(): void {
    if (this.nanos === 0) return;
    this.decimal = (this.decimal ?? ZERO).add(new Money(this.nanos).div(1e9));
    this.nanos = 0;
  }
}

export interface ReportedTotals {
  readonly totalUsd: Money;
  readonly byDay: ReadonlyMap<string, Money>;
  readonly byModel: ReadonlyMap<string, Money>;
  readonly records: number;
  /** Of the amounts the totals take (token rows and bill rows), those a tool estimated, and all. */
  readonly estimated: {readonly rows: number; readonly of: number};
  /** Days with an amount a tool estimated among those the totals take. */
  readonly estimatedDays: ReadonlySet<string>;
  /** Days whose reported amount covers every token row of the day. */
  readonly completeDays: ReadonlySet<string>;
}

/**
 * What the files say was paid, by day and model. A cost export of a provider's day is its bill:
 * amounts carried on that day's token rows of the same provider (estimates, mostly) are then not
 * added on top. A day's amount is complete when every token row either carries its own amount or
 * is of a provider whose bill for the day was imported: an Anthropic bill says nothing of OpenAI.
 */
export class ReportedLedger {
  private readonly cells = new Map<string, Map<string, Cell>>();
  /** day → providers with token rows that carry no amount of their own: a bill of that provider must cover them. */
  private readonly unreported = new Map<string, Set<string>>();
  private records = 0;

  /** `usd` is the amount as decimal text, as records carry it; `estimate`, whether a tool estimated it. */
  add(
    day: string,
    model: string,
    provider: string,
    usd: string | undefined,
    onTokenRow: boolean,
    estimate: boolean,
  ): void {
    if (onTokenRow && usd === undefined) {
      const providers = this.unreported.get(day) ?? new Set<string>();
      providers.add(provider);
      this.unreported.set(day, providers);
    }
    if (usd === undefined) return;
    this.records++;
    let models = this.cells.get(day);
    if (!models) this.cells.set(day, (models = new Map()));
    const cell = models.get(model) ?? {provider, estimated: 0, onTokenRows: 0, billedRows: 0};
    if (onTokenRow) {
      (cell.onTokens ??= new ExactSum()).add(usd);
      cell.onTokenRows++;
      if (estimate) cell.estimated++;
    } else {
      (cell.billed ??= new ExactSum()).add(usd);
      cell.billedRows++;
    }
    models.set(model, cell);
  }

  totals(): ReportedTotals | null {
    if (this.records === 0) return null;
    const byDay = new Map<string, Money>();
    const byModel = new Map<string, Money>();
    const completeDays = new Set<string>();
    const estimated = {rows: 0, of: 0};
    const estimatedDays = new Set<string>();
    for (const [day, models] of this.cells) {
      const billed = new Set([...models.values()].filter((c) => c.billed).map((c) => c.provider));
      let sum = ZERO;
      for (const [model, cell] of models) {
        // `of` counts every amount the totals take, a bill's rows too: "all are estimates" must hold of the total.
        if (billed.has(cell.provider)) estimated.of += cell.billedRows;
        else {
          estimated.rows += cell.estimated;
          estimated.of += cell.onTokenRows;
          if (cell.estimated) estimatedDays.add(day);
        }
        const usd = (billed.has(cell.provider) ? cell.billed : cell.onTokens)?.value();
        if (!usd) continue;
        sum = sum.add(usd);
        byModel.set(model, (byModel.get(model) ?? ZERO).add(usd));
      }
      byDay.set(day, sum);
      if ([...(this.unreported.get(day) ?? [])].every((p) => billed.has(p))) completeDays.add(day);
    }
    return {
      totalUsd: [...byDay.values()].reduce((a, b) => a.add(b), ZERO),
      byDay,
      byModel,
      records: this.records,
      estimated,
      estimatedDays,
      completeDays,
    };
  }
}
