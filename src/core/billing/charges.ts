import {costOfTokens, markupFactor, ZERO, type Money} from '../money.js';
import type {Overage, Plan, Subscription} from './plan.js';
import {vendorExtra, type SubscriptionPlan} from '../subscription/subscription-plan.js';

/**
 * How a plan bills, written once: the batch simulation, the month simulation and the import
 * replay all charge through these functions. The engines differ only in how they sum usage (per
 * task class, per sampled task, per usage record) and in the order they hand it over.
 */

/** Paid usage on one path: its list-price cost and the tokens behind it. */
export interface PaidUsage {
  readonly listUsd: Money;
  readonly tokens: number;
}

/** BYOK usage, with the list cost of the requests that came past the month's fee waiver. */
export interface ByokUsage extends PaidUsage {
  readonly feeBearingListUsd: Money;
}

/**
 * Of `requests` BYOK requests sent after `before` this month, those past the plan's fee waiver.
 * The waiver covers the month's first requests in the order they were sent.
 */
export function feeBearingRequests(plan: Plan, before: number, requests: number): number {
  if (plan.byok.feePct.isZero()) return 0;
  return Math.max(0, before + requests - Math.max(before, plan.byok.feeWaivedRequestsPerMonth));
}

export interface Charges {
  /** Provider invoice for BYOK calls, at list price. */
  byokListUsd: Money;
  /** What the platform takes on BYOK usage. */
  byokFeeUsd: Money;
  /** Platform-paid usage billed as it happens: markup or pay-as-you-go overage. */
  platformUsageUsd: Money;
  subscriptionUsd: Money;
  packsUsd: Money;
}

/** What the platform takes of a month's charges: its BYOK fee, platform-paid usage, the subscription and packs. */
export function platformRevenueUsd(charges: Charges): Money {
  return charges.byokFeeUsd.add(charges.platformUsageUsd).add(charges.subscriptionUsd).add(charges.packsUsd);
}

/**
 * Whether a plan's credits are drawn at list price (credits in dollars): then a price missing draws
 * them short, and when they run out, the overage and the tasks blocked are lower bounds too.
 */
export function creditsDrawnAtListPrice(subscription: Subscription): boolean {
  return subscription.creditUnit === 'usd';
}

/**
 * The list cost of the fee-bearing `part` of a task's (or a day's) `requests`: every request costs
 * the list price over the requests, so a task the waiver ends in pays on the rest, pro rata.
 */
export function feeBearingShare(listUsd: Money, part: number, requests: number): Money {
  return part > 0 ? listUsd.mul(part).div(requests) : ZERO;
}

/**
 * What the platform takes on BYOK usage: its per-token fee on every token, plus its percentage of
 * the list cost of the requests past the waiver (each request at what it actually cost).
 */
export function byokFee(plan: Plan, usage: ByokUsage): Money {
  const tokenFee = costOfTokens(plan.byok.feeUsdPerMTok, usage.tokens);
  if (plan.byok.feePct.isZero() || usage.feeBearingListUsd.isZero()) return tokenFee;
  return tokenFee.add(usage.feeBearingListUsd.mul(plan.byok.feePct).div(100));
}

/** Platform-paid usage as the platform prices it: list price with its markup, plus its per-token fee. */
export function platformCharge(plan: Plan, usage: PaidUsage): Money {
  // Nothing on the platform costs nothing: every month of a setup that never uses it.
  if (usage.tokens === 0 && usage.listUsd.isZero()) return ZERO;
  return usage.listUsd
    .mul(markupFactor(plan.platform.markupPct))
    .add(costOfTokens(plan.platform.feeUsdPerMTok, usage.tokens));
}

/**
 * What going `short` credits past the month's allowance costs: pay as you go per credit, or whole
 * packs (the credits left in the last pack carry over within the month). A blocked plan sells
 * nothing: its tasks stop instead.
 */
export function overageCharge(
  overage: Overage,
  short: Money,
): {usd: Money; packs: number; creditsBought: Money} {
  if (!short.gt(0) || overage.kind === 'blocked') return {usd: ZERO, packs: 0, creditsBought: ZERO};
  if (overage.kind === 'payg') return {usd: short.mul(overage.usdPerCredit), packs: 0, creditsBought: short};
  const packs = short.div(overage.packCredits).ceil();
  return {
    usd: packs.mul(overage.packPriceUsd),
    packs: packs.toNumber(),
    creditsBought: packs.mul(overage.packCredits),
  };
}

/**
 * The charges above specialised to float dollars, with the plan's figures read once: for the month
 * simulation's decisions inside a month (the credit cliff) and its day-by-day series, never for a
 * bill. A test holds each to its exact form.
 */
export function floatCharges(plan: Plan) {
  const factor = markupFactor(plan.platform.markupPct).toNumber();
  const platformFee = plan.platform.feeUsdPerMTok.toNumber() / 1e6;
  const byokTokenFee = plan.byok.feeUsdPerMTok.toNumber() / 1e6;
  const byokShare = plan.byok.feePct.toNumber() / 100;
  const s = plan.platform.subscription;
  const included = s?.includedCredits.toNumber() ?? 0;
  const perTask = s?.creditsPerTask.toNumber() ?? 0;
  const monthlyFee = s?.monthlyFeeUsd.toNumber() ?? 0;
  const overage = floatOverage(s?.overage);
  /** creditsDrawn: dollars of platform charge, or so many credits a task. */
  const drawn = (platformUsd: number, platformTasks: number) =>
    s?.creditUnit === 'usd' ? platformUsd : platformTasks * perTask;
  return {
    /** platformCharge. */
    platform: (listUsd: number, tokens: number) => listUsd * factor + tokens * platformFee,
    /** A BYOK task's list price and byokFee, `feeBearing` of its `requests` past the waiver. */
    byok: (listUsd: number, tokens: number, feeBearing: number, requests: number) =>
      listUsd + tokens * byokTokenFee + (feeBearing > 0 ? (listUsd * byokShare * feeBearing) / requests : 0),
    includedCredits: included,
    drawn,
    /** monthCharges' subscription part for the month so far: the fee once the platform served or blocked a task, and the overage. */
    subscription: (platformUsd: number, platformTasks: number, blocked: number) =>
      s && platformTasks + blocked > 0
        ? monthlyFee + overage(drawn(platformUsd, platformTasks) - included)
        : 0,
  };
}

function floatOverage(overage: Overage | undefined): (short: number) => number {
  if (!overage || overage.kind === 'blocked') return () => 0;
  if (overage.kind === 'payg') {
    const perCredit = overage.usdPerCredit.toNumber();
    return (short) => (short > 1e-9 ? short * perCredit : 0);
  }
  const packCredits = overage.packCredits.toNumber();
  const packPrice = overage.packPriceUsd.toNumber();
  return (short) => (short > 1e-9 ? Math.ceil(short / packCredits - 1e-9) * packPrice : 0);
}

/** One month of a subscription, as the credits are drawn. */
export interface CreditMonth {
  readonly month: number;
  used: Money;
  /** Working day (1-based) on which the included credits ran out, if they did. */
  runOutDay: number | null;
  packsBought: number;
}

interface CreditState {
  readonly balance: Money;
  readonly month: CreditMonth;
  readonly dayOfMonth: number;
}

/**
 * Draws `count` platform tasks, charged `usd` in all, from the month's credits. When they run out: pay as you go, buy
 * packs, or block the tasks until the month renews (the credit cliff).
 */
function drawCredits(s: Subscription, usd: Money, count: number, state: CreditState) {
  const perTask = s.creditUnit === 'usd' ? usd.div(count) : s.creditsPerTask;
  let balance = state.balance;
  const need = perTask.mul(count);
  const runOut = () => {
    state.month.runOutDay ??= state.dayOfMonth + 1;
  };
  if (need.lte(balance)) {
    state.month.used = state.month.used.add(need);
    balance = balance.sub(need);
    if (balance.isZero() && need.gt(0)) runOut();
    return {runs: count, balance, payg: ZERO, packs: ZERO};
  }
  runOut();
  if (s.overage.kind === 'payg') {
    state.month.used = state.month.used.add(balance);
    return {runs: count, balance: ZERO, payg: overageCharge(s.overage, need.sub(balance)).usd, packs: ZERO};
  }
  if (s.overage.kind === 'packs') {
    const bought = overageCharge(s.overage, need.sub(balance));
    state.month.packsBought += bought.packs;
    state.month.used = state.month.used.add(need);
    return {runs: count, balance: balance.add(bought.creditsBought).sub(need), payg: ZERO, packs: bought.usd};
  }
  const runs = perTask.isZero() ? count : Math.min(count, balance.div(perTask).floor().toNumber());
  const used = perTask.mul(runs);
  state.month.used = state.month.used.add(used);
  return {runs, balance: balance.sub(used), payg: ZERO, packs: ZERO};
}

/**
 * Platform-paid tasks billed month by month in the order they ran: without a subscription each at
 * its charge; with one, the monthly fee in the first month the platform serves (or blocks) a task,
 * the tasks drawn from the month's credits, then overage, packs or the credit cliff.
 */
export class PlatformMonths {
  /** One per month begun, when the plan has a subscription. */
  readonly credits: CreditMonth[] = [];
  private balance = ZERO;
  private subscribed = false;
  private readonly subscription: Subscription | undefined;

  constructor(plan: Plan) {
    this.subscription = plan.platform.subscription;
  }

  startMonth(): void {
    if (!this.subscription) return;
    this.balance = this.subscription.includedCredits;
    this.subscribed = false;
    this.credits.push({month: this.credits.length + 1, used: ZERO, runOutDay: null, packsBought: 0});
  }

  /** `count` tasks that the platform charges `usd` for in all, on working day `dayOfMonth` (0-based). */
  bill(
    usd: Money,
    count: number,
    dayOfMonth: number,
  ): {runs: number; subscriptionUsd: Money; usageUsd: Money; packsUsd: Money} {
    const s = this.subscription;
    if (!s) return {runs: count, subscriptionUsd: ZERO, usageUsd: usd, packsUsd: ZERO};
    const subscriptionUsd = this.subscribed ? ZERO : s.monthlyFeeUsd;
    this.subscribed = true;
    const drawn = drawCredits(s, usd, count, {
      balance: this.balance,
      month: this.credits[this.credits.length - 1] as CreditMonth,
      dayOfMonth,
    });
    this.balance = drawn.balance;
    return {runs: drawn.runs, subscriptionUsd, usageUsd: drawn.payg, packsUsd: drawn.packs};
  }
}

/**
 * A month's bill from its sums, for an engine that decides the credit cliff as it goes and bills
 * at the month's end: the subscription (charged in a month the platform served or blocked a task),
 * the overage past the included credits, the BYOK fee and the platform charge.
 */
export function monthCharges(
  plan: Plan,
  byok: ByokUsage,
  platform: PaidUsage & {readonly tasks: number; readonly blocked: number},
): {totalUsd: Money; overageUsd: Money} {
  const byokUsd = byok.listUsd.add(byokFee(plan, byok));
  const s = plan.platform.subscription;
  if (!s) return {totalUsd: byokUsd.add(platformCharge(plan, platform)), overageUsd: ZERO};
  if (platform.tasks + platform.blocked === 0) return {totalUsd: byokUsd, overageUsd: ZERO};
  // Credits in tasks need no price: the charge is worked out only for credits in dollars.
  const drawn =
    s.creditUnit === 'usd' ? platformCharge(plan, platform) : s.creditsPerTask.mul(platform.tasks);
  const overageUsd = overageCharge(s.overage, drawn.sub(s.includedCredits)).usd;
  return {totalUsd: byokUsd.add(s.monthlyFeeUsd).add(overageUsd), overageUsd};
}

/** What went past a vendor subscription's limits on the vendor's own extra usage in a month. */
export interface VendorExtraUsage {
  /** The tasks' cost at list (API) prices: what extra usage at API rates bills. */
  readonly listUsd: Money;
  /** Units past the allowance (premium requests): what a price per unit bills. */
  readonly units: Money;
}

/**
 * A month of a vendor's flat-fee plan: the fee, whether or not it was used (the subscription is
 * paid for the month), and the vendor's charge for the extra usage past its limits.
 */
export function subscriptionMonthCharges(
  plan: SubscriptionPlan,
  extra: VendorExtraUsage,
): {feeUsd: Money; extraUsd: Money} {
  const offer = vendorExtra(plan);
  const extraUsd = !offer
    ? ZERO
    : offer.kind === 'api-rates'
      ? extra.listUsd
      : extra.units.mul(offer.usdPerUnit);
  return {feeUsd: plan.fee.usdPerMonth, extraUsd};
}
