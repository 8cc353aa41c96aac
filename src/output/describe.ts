import type {Plan} from '../core/billing/plan.js';
import type {SheetSummary} from '../core/pricing/model-price.js';
import type {PathKind} from '../core/routing/router.js';
import type {UnservedReason} from '../core/simulation/batch-run.js';
import {formatCount, formatUsd} from './format.js';

export const PATH_NAMES: Record<PathKind, string> = {byok: 'BYOK', platform: 'Platform', free: 'Free'};

/** How a path is paid on this plan, in a few words. */
export function describePath(plan: Plan, path: PathKind): string {
  if (path === 'byok') {
    if (!plan.byok.allowed) return 'not offered on this plan';
    const fees = [
      ...(plan.byok.feePct.isZero()
        ? []
        : [`${plan.byok.feePct}% fee after ${formatCount(plan.byok.feeWaivedRequestsPerMonth)} requests/mo`]),
      ...(plan.byok.feeUsdPerMTok.isZero() ? [] : [`${formatUsd(plan.byok.feeUsdPerMTok)}/MTok fee`]),
    ];
    return `your key at list price${fees.length ? `, ${fees.join(', ')}` : ', no markup'}`;
  }
  if (path === 'platform') {
    const s = plan.platform.subscription;
    const markup = plan.platform.markupPct.isZero() ? 'list price' : `list +${plan.platform.markupPct}%`;
    const tokenFee = plan.platform.feeUsdPerMTok.isZero()
      ? ''
      : ` +${formatUsd(plan.platform.feeUsdPerMTok)}/MTok`;
    if (!s) return `platform fronts it at ${markup}${tokenFee}`;
    const credits =
      s.creditUnit === 'usd'
        ? `${formatUsd(s.includedCredits)} of usage`
        : `${s.includedCredits} task credits`;
    const after =
      s.overage.kind === 'payg'
        ? 'then pay as you go'
        : s.overage.kind === 'packs'
          ? `then packs of ${s.overage.packCredits} for ${formatUsd(s.overage.packPriceUsd)}`
          : 'then blocked until renewal';
    return `${formatUsd(s.monthlyFeeUsd)}/mo for ${credits} at ${markup}${tokenFee}, ${after}`;
  }
  if (!plan.free) return 'no free tier on this plan';
  return `open-model pool, ${formatCount(plan.free.dailyCap.count)} ${plan.free.dailyCap.unit}/day`;
}

/** "9 bundled sheets (as of 2026-08-01), price update (fetched 2026-11-27), ./mine.json" */
export function describeSources(sheets: readonly SheetSummary[]): string {
  const bundled = sheets.filter((s) => s.origin.startsWith('bundled:'));
  const dates = [...new Set(bundled.map((s) => s.asOf).filter(Boolean))].sort();
  const parts = bundled.length ? [`${bundled.length} bundled sheets (as of ${dates.join(', ')})`] : [];
  for (const s of sheets.filter((s) => !s.origin.startsWith('bundled:'))) {
    parts.push(
      s.origin.startsWith('cache:')
        ? `price update (fetched ${s.asOf})`
        : `${s.origin}${s.asOf ? ` (as of ${s.asOf})` : ''}`,
    );
  }
  return parts.join(', ');
}

export const UNSERVED_NAMES: Record<UnservedReason, string> = {
  'context-window': 'past the context window',
  'free-capability': 'beyond free models',
  'free-cap-wait': 'over daily cap',
  'credits-exhausted': 'credits ran out',
  'no-path': 'no path',
};
