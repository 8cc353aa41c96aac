import {byokSettings, PLATFORM_SETTINGS, type Strategy} from '../routing/strategy.js';
import type {OnLimit} from '../routing/router.js';
import type {Scenario} from '../simulation/scenario.js';
import {coversModel, vendorExtra, type SubscriptionPlan} from './subscription-plan.js';

/** Providers of the profile's models a key can reach: the keys a setup with your key holds. */
export function keyProviders(scenario: Scenario): string[] {
  return [
    ...new Set(scenario.classes.filter((c) => c.resolvedModel.byokable).map((c) => c.resolvedModel.provider)),
  ].sort();
}

/** Whether the plan runs any of the profile's models: a plan that runs none is no candidate. */
export function coversProfile(scenario: Scenario, plan: SubscriptionPlan): boolean {
  return scenario.classes.some((c) => coversModel(plan, c.resolvedModel.provider, c.resolvedModel.id));
}

/** "the vendor's extra usage at API rates", "$0.04 a premium request": what `extra` buys on this plan. */
function extraWords(plan: SubscriptionPlan): string | undefined {
  const offer = vendorExtra(plan);
  if (!offer) return undefined;
  if (offer.kind === 'api-rates') return "the vendor's extra usage at API rates";
  const unit = plan.limits.find((l) => l.unit === 'premium-requests') ? 'premium request' : 'unit';
  return `the vendor's overage at $${offer.usdPerUnit.toString()} a ${unit}`;
}

const PAST: Record<Exclude<OnLimit, 'extra'>, string> = {
  wait: 'wait for the reset',
  key: 'your key past the limit',
  platform: 'platform-paid past the limit',
};

/**
 * A subscription with what the user does past its limit, as a strategy route() takes: the
 * models the plan does not cover go to your key (platform-paid when that is the choice past the
 * limit). `extra` on a plan whose vendor sells none is no setup.
 */
export function subscriptionSetup(
  keys: readonly string[],
  plan: SubscriptionPlan,
  onLimit: OnLimit,
): Strategy | undefined {
  const past = onLimit === 'extra' ? extraWords(plan) : PAST[onLimit];
  if (!past) return undefined;
  const base = onLimit === 'platform' ? PLATFORM_SETTINGS : byokSettings(keys);
  return {
    id: `${plan.id}+${onLimit}`,
    label: `${plan.name}, ${past}`,
    settings: {...base, subscription: {plan, onLimit}},
  };
}
