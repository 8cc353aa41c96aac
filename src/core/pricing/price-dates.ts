import type {ModelPrice} from './model-price.js';

/**
 * A model with the prices in force on `date` (YYYY-MM-DD): the last change effective on or before
 * it. The clock is never read here: callers pass today, or the day a usage record is from.
 */
export function priceOn(model: ModelPrice, date: string): ModelPrice {
  if (!model.changes?.length) return model;
  let current = model;
  for (const change of model.changes) {
    if (change.effective > date) break;
    const {longContext: _dropped, ...rest} = current;
    const longContext = change.longContext === undefined ? current.longContext : change.longContext;
    current = {...rest, rates: change.rates, ...(longContext ? {longContext} : {}), asOf: change.effective};
  }
  return current;
}
