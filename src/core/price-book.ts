import {UsageError} from '../errors.js';
import {lookupKeys, nearestNames, normalizeModelName} from './model-names.js';
import type {ModelPrice, PriceSheet, SheetSummary} from './prices.js';

/**
 * Every price in force: sheets merged in order, a later sheet's model replacing an earlier one of
 * the same name. The one place a model name becomes a price.
 */
export class PriceBook {
  readonly sheets: readonly SheetSummary[];
  private readonly byKey = new Map<string, ModelPrice>();
  private readonly byId = new Map<string, ModelPrice>();

  constructor(sheets: readonly PriceSheet[]) {
    this.sheets = sheets.map((s) => s.summary);
    for (const sheet of sheets) {
      for (const model of sheet.models) {
        const replaced = this.byId.get(model.id);
        // A sheet that doesn't know a model's tier (LiteLLM's) keeps the one already on file.
        const merged = replaced && model.origin !== replaced.origin ? inheritMissing(model, replaced) : model;
        this.byId.set(model.id, merged);
        for (const name of [merged.id, ...merged.aliases, ...(merged.displayName ? [merged.displayName] : [])]) {
          this.byKey.set(normalizeModelName(name), merged);
        }
      }
    }
  }

  get models(): ModelPrice[] {
    return [...this.byId.values()];
  }

  find(query: string): ModelPrice | undefined {
    for (const key of lookupKeys(query)) {
      const found = this.byKey.get(key);
      if (found) return found;
    }
    return undefined;
  }

  /** Like find, but an unknown model is an error naming the nearest known ones. */
  resolve(query: string, where = '--model'): ModelPrice {
    const found = this.find(query);
    if (found) return found;
    const near = this.nearest(query);
    throw new UsageError(
      `${where}: unknown model "${query}"${near.length ? `; nearest: ${near.join(', ')}` : ''}`,
      'run `vibe-cost prices list` for every model, or add a sheet with --prices FILE',
    );
  }

  nearest(query: string, limit = 3): string[] {
    return nearestNames(query, this.byId.keys(), limit);
  }
}

function inheritMissing(model: ModelPrice, replaced: ModelPrice): ModelPrice {
  if (!model.capabilityGuessed) return model;
  return {
    ...model,
    capability: replaced.capability,
    capabilityGuessed: false,
    aliases: [...new Set([...model.aliases, ...replaced.aliases])],
    ...(replaced.displayName && !model.displayName ? {displayName: replaced.displayName} : {}),
  };
}
