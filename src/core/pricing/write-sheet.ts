import {tierSteps} from './context-tiers.js';
import type {LongContextTier, ModelPrice, Rates} from './model-price.js';

const ratesDocument = (rates: Rates) =>
  Object.fromEntries(Object.entries(rates).map(([field, rate]) => [field, rate.toFixed()]));

function tierDocument(tier: LongContextTier) {
  return {
    thresholdTokens: tier.thresholdTokens,
    wholeRequest: tier.wholeRequest,
    usdPerMTok: ratesDocument(tier.rates),
  };
}

/** One tier as an object; several steps as a list, as the sheet format reads them. */
function longContextDocument(tier: LongContextTier) {
  const steps = tierSteps(tier);
  return steps.length === 1 ? tierDocument(tier) : steps.map(tierDocument);
}

/**
 * Models as a sheet of this project's format: parsePriceSheet's inverse. `prices update` stores a
 * converted LiteLLM or OpenRouter list this way, so later runs read it with the fast path instead
 * of converting megabytes of someone else's JSON at every start.
 */
export function priceSheetDocument(
  models: readonly ModelPrice[],
  meta: {asOf: string; source: string},
): string {
  const document = {
    schemaVersion: 1,
    provider: 'various',
    asOf: meta.asOf,
    source: meta.source,
    models: models.map((m) => ({
      id: m.id,
      provider: m.provider,
      ...(m.displayName ? {displayName: m.displayName} : {}),
      aliases: m.aliases,
      capability: m.capability,
      ...(m.capabilityGuessed ? {capabilityGuessed: true} : {}),
      byokable: m.byokable,
      usdPerMTok: ratesDocument(m.rates),
      ...(m.longContext ? {longContext: longContextDocument(m.longContext)} : {}),
      ...(m.multipliers
        ? {multipliers: Object.fromEntries(Object.entries(m.multipliers).map(([k, v]) => [k, v.toFixed()]))}
        : {}),
      ...(m.maxInputTokens ? {maxInputTokens: m.maxInputTokens} : {}),
      ...(m.perCall
        ? {perCallUsd: Object.fromEntries(Object.entries(m.perCall).map(([k, v]) => [k, v.toFixed()]))}
        : {}),
      ...(m.changes?.length
        ? {
            changes: m.changes.map((c) => ({
              effective: c.effective,
              usdPerMTok: ratesDocument(c.rates),
              ...(c.longContext === null
                ? {longContext: null}
                : c.longContext
                  ? {longContext: longContextDocument(c.longContext)}
                  : {}),
            })),
          }
        : {}),
      ...(m.asOf ? {asOf: m.asOf} : {}),
      source: m.source,
    })),
  };
  return `${JSON.stringify(document)}\n`;
}
