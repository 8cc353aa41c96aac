import {ZERO, type Money} from './money.js';

interface Cell {
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
  /** Days whose reported amount covers every token row of the day: a cost export, or an amount on each row. */
  readonly completeDays: ReadonlySet<string>;
}

/**
 * What the files say was paid, by day and model. A cost export of a day is the bill: amounts
 * carried on that day's token rows (estimates, mostly) are then not added on top of it.
 */
export class ReportedLedger {
  private readonly cells = new Map<string, Map<string, Cell>>();
  private readonly tokenRows = new Map<string, number>();
  private readonly tokenRowsReported = new Map<string, number>();
  private records = 0;

  add(day: string, model: string, usd: Money | undefined, onTokenRow: boolean): void {
    if (onTokenRow) {
      this.tokenRows.set(day, (this.tokenRows.get(day) ?? 0) + 1);
      if (usd) this.tokenRowsReported.set(day, (this.tokenRowsReported.get(day) ?? 0) + 1);
    }
    if (!usd) return;
    this.records++;
    let models = this.cells.get(day);
    if (!models) this.cells.set(day, (models = new Map()));
    const cell = models.get(model) ?? {};
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
      const billedDay = [...models.values()].some((c) => c.billed);
      let sum = ZERO;
      for (const [model, cell] of models) {
        const usd = billedDay ? cell.billed : cell.onTokens;
        if (!usd) continue;
        sum = sum.add(usd);
        byModel.set(model, (byModel.get(model) ?? ZERO).add(usd));
      }
      byDay.set(day, sum);
      if (billedDay || this.tokenRowsReported.get(day) === this.tokenRows.get(day)) completeDays.add(day);
    }
    return {totalUsd: [...byDay.values()].reduce((a, b) => a.add(b), ZERO), byDay, byModel, records: this.records, completeDays};
  }
}
