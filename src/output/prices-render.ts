import type {Money} from '../core/money.js';
import {inputLimit, tierSteps} from '../core/pricing/context-tiers.js';
import type {LongContextTier, ModelPrice, Rates, SheetSummary} from '../core/pricing/model-price.js';
import {formatCount, plural} from './format.js';
import {SCHEMA_VERSION} from './json.js';
import {renderCsv, renderMarkdownTable, renderTable, type Column} from './table.js';
import {wrapProse} from './text-width.js';

const RATE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'] as const;
const rate = (m: Money | undefined) => (m ? m.toFixed() : '-');

const LIST_COLUMNS: Column[] = [
  {header: 'Model', fit: 'wrap'},
  {header: 'Provider', drop: 4},
  {header: 'Tier'},
  {header: 'BYOK'},
  {header: 'Input', align: 'right'},
  {header: 'Output', align: 'right'},
  {header: 'Cache read', short: 'Read', align: 'right'},
  {header: 'Write 5m', short: 'W 5m', align: 'right', drop: 3},
  {header: 'Write 1h', short: 'W 1h', align: 'right', drop: 2},
  {header: 'Long context', fit: 'wrap', drop: 5},
  {header: 'As of', drop: 1},
];

function longText(tier: LongContextTier | undefined): string {
  if (!tier) return '-';
  return tierSteps(tier)
    .map(
      (t) =>
        `>${formatCount(t.thresholdTokens / 1000)}k: ${rate(t.rates.input)}/${rate(t.rates.output)}${t.wholeRequest ? '' : ' (excess only)'}`,
    )
    .join(', ');
}

function listRows(models: readonly ModelPrice[]): string[][] {
  return models.map((m) => [
    m.id,
    m.provider,
    `${m.capability}${m.capabilityGuessed ? '?' : ''}`,
    m.byokable ? 'yes' : 'no',
    ...RATE_FIELDS.map((f) => rate(m.rates[f])),
    longText(m.longContext),
    m.asOf || '-',
  ]);
}

export function renderPricesList(
  models: readonly ModelPrice[],
  format: 'table' | 'markdown' | 'csv',
  width = Infinity,
): string {
  if (format === 'csv') {
    return renderCsv(
      [
        'model',
        'provider',
        'capability',
        'byokable',
        'input_usd_per_mtok',
        'output_usd_per_mtok',
        'cache_read_usd_per_mtok',
        'cache_write_5m_usd_per_mtok',
        'cache_write_1h_usd_per_mtok',
        'long_context',
        'as_of',
      ],
      listRows(models).map((r) => r.map((cell) => (cell === '-' ? '' : cell))),
    );
  }
  const note = 'USD per million tokens; "-" = not priced (never $0); tier "?" = guessed from the name';
  if (format === 'markdown') return `${renderMarkdownTable(LIST_COLUMNS, listRows(models))}\n\n${note}\n`;
  return `${renderTable(LIST_COLUMNS, listRows(models), width)}\n\n${wrapProse(`${plural(models.length, 'model')}. ${note}.`, width).join('\n')}\n`;
}

function ratesLines(rates: Rates, indent: string): string[] {
  return RATE_FIELDS.map(
    (f) => `${indent}${f.padEnd(13)} ${rates[f] ? `$${rates[f]?.toFixed()}` : 'not priced'}`,
  );
}

export function renderPriceShow(m: ModelPrice, width = Infinity): string {
  const lines = [
    `${m.id}${m.displayName ? ` (${m.displayName})` : ''}`,
    `  provider      ${m.provider}`,
    `  BYOK-able     ${m.byokable ? 'yes: the provider sells a key that calls it' : 'no: platform-paid by definition'}`,
    `  capability    ${m.capability}${m.capabilityGuessed ? ' (guessed from the name: the sheet does not say)' : ''}`,
    `  aliases       ${m.aliases.length ? m.aliases.join(', ') : '-'}`,
    `  as of         ${m.asOf || 'not dated'}`,
    `  source        ${m.source}`,
    `  from sheet    ${m.origin}`,
    `  max input     ${inputLimit(m) === Infinity ? (m.maxInputTokens ? `${formatCount(m.maxInputTokens)} tokens stated, but priced beyond: no limit applied` : 'not stated') : `${formatCount(inputLimit(m))} tokens a request (larger requests are not served)`}`,
    '',
    '  USD per million tokens:',
    ...ratesLines(m.rates, '    '),
  ];
  for (const tier of tierSteps(m.longContext)) {
    lines.push(
      '',
      `  Long context: a request whose prompt passes ${formatCount(tier.thresholdTokens)} tokens is priced ${tier.wholeRequest ? 'whole' : 'above the threshold only'} at:`,
      ...ratesLines(tier.rates, '    '),
    );
  }
  if (!m.longContext) lines.push('', '  Long context: no separate tier (flat across the context window).');
  if (m.perCall?.webSearch) lines.push('', `  Web search: $${m.perCall.webSearch.toFixed()} a search`);
  if (m.multipliers)
    lines.push(
      '',
      `  Multipliers: ${Object.entries(m.multipliers)
        .map(([k, v]) => `${k} ×${(v as Money).toFixed()}`)
        .join(', ')}`,
    );
  for (const change of m.changes ?? []) {
    lines.push('', `  From ${change.effective}:`, ...ratesLines(change.rates, '    '));
    if (change.longContext === null) lines.push('    long context: none from then');
    else if (change.longContext)
      lines.push(
        `    long context above ${formatCount(change.longContext.thresholdTokens)}: ${rate(change.longContext.rates.input)}/${rate(change.longContext.rates.output)}`,
      );
  }
  return `${lines.flatMap((l) => wrapProse(l, width)).join('\n')}\n`;
}

/** Every tier of a model, one row each: the base prices, the long-context tier, dated changes. */
function tierRows(m: ModelPrice): string[][] {
  const row = (tier: string, r: Rates) => [tier, ...RATE_FIELDS.map((f) => rate(r[f]))];
  return [
    row('base', m.rates),
    ...(m.longContext
      ? [
          row(
            `above ${formatCount(m.longContext.thresholdTokens)} tokens${m.longContext.wholeRequest ? '' : ' (excess only)'}`,
            m.longContext.rates,
          ),
        ]
      : []),
    ...(m.changes ?? []).map((c) => row(`from ${c.effective}`, c.rates)),
  ];
}

const TIER_COLUMNS: Column[] = [
  {header: 'Tier'},
  {header: 'Input', align: 'right'},
  {header: 'Output', align: 'right'},
  {header: 'Cache read', align: 'right'},
  {header: 'Write 5m', align: 'right'},
  {header: 'Write 1h', align: 'right'},
];

/** prices show as CSV: one row per tier, the model's facts on each, "" where a price is not given (never 0). */
export function priceShowCsv(m: ModelPrice): string {
  return renderCsv(
    [
      'model',
      'provider',
      'capability',
      'byokable',
      'tier',
      'input_usd_per_mtok',
      'output_usd_per_mtok',
      'cache_read_usd_per_mtok',
      'cache_write_5m_usd_per_mtok',
      'cache_write_1h_usd_per_mtok',
      'as_of',
      'source',
    ],
    tierRows(m).map(([tier = '', ...rates]) => [
      m.id,
      m.provider,
      m.capability,
      String(m.byokable),
      tier,
      ...rates.map((r) => (r === '-' ? '' : r)),
      m.asOf,
      m.source,
    ]),
  );
}

export function priceShowMarkdown(m: ModelPrice): string {
  return [
    `# ${m.id}${m.displayName ? ` (${m.displayName})` : ''}`,
    '',
    `- provider: ${m.provider}`,
    `- BYOK-able: ${m.byokable ? 'yes' : 'no'}`,
    `- capability: ${m.capability}${m.capabilityGuessed ? ' (guessed from the name)' : ''}`,
    `- aliases: ${m.aliases.length ? m.aliases.join(', ') : '-'}`,
    `- as of: ${m.asOf || 'not dated'}`,
    `- source: ${m.source}`,
    '',
    'USD per million tokens; "-" = not priced (never $0).',
    '',
    renderMarkdownTable(TIER_COLUMNS, tierRows(m)),
    '',
  ].join('\n');
}

const ratesJson = (r: Rates) =>
  Object.fromEntries(RATE_FIELDS.filter((f) => r[f]).map((f) => [f, r[f]?.toFixed()]));

const tierJson = (t: LongContextTier) => ({
  thresholdTokens: t.thresholdTokens,
  wholeRequest: t.wholeRequest,
  usdPerMTok: ratesJson(t.rates),
});

export function modelJson(m: ModelPrice) {
  return {
    id: m.id,
    provider: m.provider,
    displayName: m.displayName ?? null,
    aliases: m.aliases,
    capability: m.capability,
    capabilityGuessed: m.capabilityGuessed ?? false,
    byokable: m.byokable,
    usdPerMTok: ratesJson(m.rates),
    longContext: m.longContext ? tierJson(m.longContext) : null,
    ...(m.longContext?.next ? {longContextSteps: tierSteps(m.longContext).map(tierJson)} : {}),
    maxInputTokens: inputLimit(m) === Infinity ? null : inputLimit(m),
    perCallUsd: m.perCall
      ? Object.fromEntries(Object.entries(m.perCall).map(([k, v]) => [k, (v as Money).toFixed()]))
      : null,
    multipliers: m.multipliers
      ? Object.fromEntries(Object.entries(m.multipliers).map(([k, v]) => [k, (v as Money).toFixed()]))
      : null,
    changes: (m.changes ?? []).map((c) => ({effective: c.effective, usdPerMTok: ratesJson(c.rates)})),
    asOf: m.asOf || null,
    source: m.source,
    origin: m.origin,
  };
}

export function pricesJson(models: readonly ModelPrice[], sheets: readonly SheetSummary[]) {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'prices list',
    prices: sheets,
    models: models.map(modelJson),
  };
}
