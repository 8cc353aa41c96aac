import {UnknownModel} from '../domain-errors.js';
import {setting, type SettingRef} from '../settings.js';
import {lookupKeys, nearestNames, normalizeModelName} from './model-names.js';
import type {ModelPrice, PriceSheet, SheetSummary} from './model-price.js';

/**
 * Every price in force: sheets merged in order. A later sheet's model replaces an earlier one with
 * the same id from the same provider. Names are claimed first come, first served: LiteLLM's
 * `deepseek/deepseek-v3.2` (DeepSeek's own API) never takes over OpenRouter's route of that name,
 * and Bedrock's `deepseek.v3.2` never answers for `deepseek-v3.2`. The one place a model name
 * becomes a price.
 */
export class PriceBook {
  /** Models left out because another provider's model already has their id. */
  readonly shadowed: readonly string[];
  private readonly summaries: readonly SheetSummary[];
  private readonly byKey = new Map<string, ModelPrice>();
  private readonly byId = new Map<string, ModelPrice>();
  private readonly fallback: (() => readonly PriceSheet[]) | undefined;
  private tail: PriceBook | undefined;

  /**
   * `fallback`: the long-tail sheets, read only when a name misses every sheet above, so a start
   * that names only curated models never parses them, and a curated price always wins.
   */
  constructor(sheets: readonly PriceSheet[], fallback?: () => readonly PriceSheet[]) {
    this.summaries = sheets.map((s) => s.summary);
    this.fallback = fallback;
    const shadowed: string[] = [];
    for (const sheet of sheets) {
      for (const model of sheet.models) {
        const sameId = this.byId.get(model.id);
        if (sameId && sameId.provider !== model.provider) {
          shadowed.push(`${model.id} (${model.provider}, ${model.origin})`);
          continue;
        }
        const replaced = sameId ?? this.counterpart(model);
        const merged = replaced && model.origin !== replaced.origin ? inheritMissing(model, replaced) : model;
        this.byId.set(merged.id, merged);
        for (const name of [
          merged.id,
          ...merged.aliases,
          ...(merged.displayName ? [merged.displayName] : []),
        ]) {
          const key = normalizeModelName(name);
          const holder = this.byKey.get(key);
          if (!holder || holder.id === merged.id) this.byKey.set(key, merged);
        }
      }
    }
    this.shadowed = shadowed;
  }

  /**
   * The model on file that `model` would replace: the same id, or an alias naming it exactly
   * (LiteLLM's `claude-opus-4-20250514` is our `claude-opus-4`), from the same provider.
   */
  counterpart(model: ModelPrice): ModelPrice | undefined {
    const found = this.byId.get(model.id) ?? this.byKey.get(normalizeModelName(model.id));
    return found &&
      found.provider === model.provider &&
      (found.id === model.id || found.aliases.includes(model.id))
      ? found
      : undefined;
  }

  /** The sheets in use: the long tail's too, once a lookup has read it. */
  get sheets(): readonly SheetSummary[] {
    return this.tail ? [...this.summaries, ...this.tail.sheets] : this.summaries;
  }

  /** The models of the sheets above the long tail. */
  get models(): ModelPrice[] {
    return [...this.byId.values()];
  }

  /** Every model, the long tail's included (it is read for this). */
  allModels(): ModelPrice[] {
    const tail = this.longTail()?.models.filter((m) => !this.byId.has(m.id)) ?? [];
    return [...this.byId.values(), ...tail];
  }

  private longTail(): PriceBook | undefined {
    if (this.fallback && !this.tail) this.tail = new PriceBook(this.fallback());
    return this.tail;
  }

  /**
   * Every lookup key (a normalised id, alias or display name) with the model it finds: the sheets
   * above first, then the long tail's keys they do not claim. What a query that resolves names
   * outside vibe-cost (the SQL `vibe-cost sql` prints) must reproduce.
   */
  keyed(): [string, ModelPrice][] {
    const tail = [...(this.longTail()?.byKey ?? [])].filter(([key]) => !this.byKey.has(key));
    return [...this.byKey, ...tail];
  }

  /** Each candidate name is tried in the sheets above, then in the long tail, before a less specific one. */
  find(query: string): ModelPrice | undefined {
    const exact = this.byId.get(query.trim());
    if (exact) return exact;
    for (const key of lookupKeys(query)) {
      const found = this.byKey.get(key) ?? this.longTail()?.byKey.get(key);
      if (found) return found;
    }
    return undefined;
  }

  /** Like find, but an unknown model is an error naming the nearest known ones. */
  resolve(query: string, where: SettingRef | string = setting('model')): ModelPrice {
    const found = this.find(query);
    if (found) return found;
    throw new UnknownModel(query, this.nearest(query), where);
  }

  nearest(query: string, limit = 3): string[] {
    return nearestNames(
      query,
      this.allModels().map((m) => m.id),
      limit,
    );
  }
}

/**
 * LiteLLM's sheet says nothing of capability and leaves out some rates our sheets state (OpenAI
 * cache writes bill as input): those are kept from the model it replaces, so an update never
 * turns a known price into an unknown one.
 */
function inheritMissing(model: ModelPrice, replaced: ModelPrice): ModelPrice {
  if (!model.capabilityGuessed) return model;
  return {
    ...model,
    // Replacing through an alias keeps our id, so flags and profiles naming it still find it.
    id: replaced.id,
    aliases: [
      ...new Set([...model.aliases, ...replaced.aliases, ...(model.id !== replaced.id ? [model.id] : [])]),
    ],
    rates: {...replaced.rates, ...model.rates},
    capability: replaced.capability,
    capabilityGuessed: false,
    ...(replaced.displayName && !model.displayName ? {displayName: replaced.displayName} : {}),
    ...(replaced.perCall && !model.perCall ? {perCall: replaced.perCall} : {}),
  };
}
