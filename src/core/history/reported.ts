import {ZERO, type Money} from '../money.js';

interface Cell {
  readonly provider: string;
  /** From cost-only rows (a billed cost export). */
  billed?: Money;
  /** Carried on token rows (ccusage's costUSD, a generic cost_usd, OpenRouter's cost_total). */
  onTokens?: Money;
}

export interface ReportedTotals {
  readonly totalUsd: Money;
  readonly byDay: ReadonlyMap<string, Money>;
  readonly byModel: ReadonlyMap<string, Money>;
  readonly records: number;
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

  add(day: string, model: string, provider: string, usd: Money | undefined, onTokenRow: boolean): void {
    if (onTokenRow && !usd) {
      const providers = this.unreported.get(day) ?? new Set<string>();
      providers.add(provider);
      this.unreported.set(day, providers);
    }
    if (!usd) return;
    this.records++;
    let models = this.cells.get(day);
    if (!models) this.cells.set(day, (models = new Map()));
    const cell = models.get(model) ?? {provider};
    if (onTokenRow) cell.onTokens = (cell.onTokens ?? ZERO).add(usd);
    else cell.billed = (cell.billed ?? ZERO).add(usd);
    models.set(model, cell);
  }

  totals(): ReportedTotals | null {
    if (this.records === 0) return null;
    const byDay = new Map<string, Money>();
    const byModel = new Map<string, Money>();
    const completeDays = new Set<string>();
    for (const [day, models] of this.cells) {
      const billed = new Set([...models.values()].filter((c) => c.billed).map((c) => c.provider));
      let sum = ZERO;
      for (const [model, cell] of models) {
        const usd = billed.has(cell.provider) ? cell.billed : cell.onTokens;
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
      completeDays,
    };
  }
}
