import {BadDocument} from '../domain-errors.js';
import type {PriceBook} from '../pricing/price-book.js';
import {priceOn} from '../pricing/price-dates.js';
import type {ConfiguredApp} from '../routing/user-config.js';
import type {Strategy} from '../routing/strategy.js';
import {solveRateOf, type SolveRates} from './solve-rates.js';

/**
 * An app from the settings file with its ladder's models priced as of `date`. A model the ladder
 * names must have a solve rate: without one, whether its attempt succeeds (and so what follows) is
 * unknown.
 */
export function withLadder(
  app: ConfiguredApp,
  book: PriceBook,
  date: string,
  rates: SolveRates,
  origin: string,
): Strategy {
  const spec = app.attempts;
  if (!spec) return app;
  const place = (field: string) => `${app.id}: field attempts.${field}`;
  const model = (name: string, field: string) => {
    const found = priceOn(book.resolve(name, `${origin}: ${place(field)}`), date);
    if (!solveRateOf(rates, found))
      throw new BadDocument({
        trouble: 'unrated-ladder-model',
        origin,
        place: place(field),
        problem: `no solve rate for "${found.id}" in ${rates.origin}`,
      });
    return found;
  };
  const first = spec.first ? model(spec.first, 'first') : undefined;
  return {
    ...app,
    ladder: {
      retries: spec.retries,
      ...(first ? {first} : {}),
      escalateTo: spec.escalateTo.map((name, i) => model(name, `escalateTo[${i}]`)),
    },
  };
}
