import {SUSPICIOUS_FACTOR, type PriceDiff} from '../core/pricing/price-diff.js';
import type {SheetSummary} from '../core/pricing/model-price.js';
import {formatCount} from './format.js';
import {SCHEMA_VERSION} from './json.js';
import {renderCsv} from './table.js';

export interface PriceDiffView {
  readonly from: string;
  readonly retrievedAt: string;
  /** The prices' own date, stored with them. */
  readonly asOf: string;
  readonly models: number;
  /** --accept-suspicious: the suspicious changes were applied too. */
  readonly suspiciousApplied: boolean;
  readonly diff: PriceDiff;
  readonly stored: string | undefined;
  readonly inUse: readonly SheetSummary[];
}

const LISTED = 25;

export function renderPriceDiff(v: PriceDiffView): string {
  const {diff} = v;
  const before = [...new Set(v.inUse.map((s) => s.asOf).filter(Boolean))].sort().join(', ');
  const lines = [
    `Read ${formatCount(v.models)} chat models from ${v.from} on ${v.retrievedAt}: prices as of ${v.asOf}.`,
    `Against the prices in use (${v.inUse.length} sheets, as of ${before || 'undated'}): ${formatCount(diff.matched)} models matched, ${formatCount(diff.changed.length)} prices changed, ${formatCount(diff.added.length)} new models, ${formatCount(diff.removed.length)} removed.`,
  ];
  if (diff.changed.length) {
    lines.push('', 'Changed:');
    for (const c of diff.changed)
      lines.push(
        `  ${c.model} ${c.field} ${c.from} → ${c.to}${c.suspicious ? `  (over ${SUSPICIOUS_FACTOR}×: suspicious, ${v.suspiciousApplied ? 'applied by --accept-suspicious' : 'not applied; --accept-suspicious applies it'})` : ''}`,
      );
  }
  if (diff.added.length)
    lines.push(
      '',
      `New (${formatCount(diff.added.length)}): ${diff.added.slice(0, LISTED).join(', ')}${diff.added.length > LISTED ? `, … (all of them with --format json)` : ''}`,
    );
  if (diff.removed.length)
    lines.push(
      '',
      `Removed since the last update (${formatCount(diff.removed.length)}): ${diff.removed.slice(0, LISTED).join(', ')}${diff.removed.length > LISTED ? ', …' : ''}`,
    );
  lines.push(
    '',
    v.stored
      ? `Stored in ${v.stored}; from now on every command uses it (over the bundled sheets) and says so.`
      : 'Dry run: nothing stored.',
  );
  return `${lines.join('\n')}\n`;
}

export function priceDiffJson(v: PriceDiffView) {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'prices update',
    updated: Boolean(v.stored),
    from: v.from,
    retrievedAt: v.retrievedAt,
    asOf: v.asOf,
    models: v.models,
    matched: v.diff.matched,
    changed: v.diff.changed.map((c) => ({...c, applied: !c.suspicious || v.suspiciousApplied})),
    added: v.diff.added,
    removed: v.diff.removed,
    storedAt: v.stored ?? null,
  };
}

export function priceDiffCsv(v: PriceDiffView): string {
  return renderCsv(
    ['change', 'model', 'field', 'from', 'to'],
    [
      ...v.diff.changed.map((c) => ['changed', c.model, c.field, String(c.from), String(c.to)]),
      ...v.diff.added.map((m) => ['new', m, '', '', '']),
      ...v.diff.removed.map((m) => ['removed', m, '', '', '']),
    ],
  );
}

/** The text view as Markdown: a title, and the changed prices as a list rather than an indented (code) block. */
export function priceDiffMarkdown(v: PriceDiffView): string {
  return `# vibe-cost prices update\n\n${renderPriceDiff(v).replace(/^ {2}/gm, '- ')}`;
}
