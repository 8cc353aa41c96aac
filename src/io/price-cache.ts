import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {parsePriceSheet} from '../core/pricing/parse-sheet.js';
import {priceSheetDocument} from '../core/pricing/write-sheet.js';
import type {ModelPrice, PriceSheet} from '../core/pricing/model-price.js';
import {writeAtomic} from './write-file.js';
import {cacheDir} from './cache-dir.js';

export const LITELLM_URL =
  'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json';

export interface CachedMeta {
  readonly from: string;
  readonly retrievedAt: string;
  /** The date of the prices themselves: the snapshot's, which a file may have been made long before it was read. */
  readonly asOf?: string;
  readonly sha256: string;
  readonly models: string[];
}

const sheetPath = () => join(cacheDir(), 'prices-update.json');
const metaPath = () => join(cacheDir(), 'prices-update.meta.json');

export function readCachedMeta(): CachedMeta | undefined {
  if (!existsSync(metaPath())) return undefined;
  try {
    return JSON.parse(readFileSync(metaPath(), 'utf8')) as CachedMeta;
  } catch {
    return undefined;
  }
}

/** The sheet `prices update` stored, dated by when it was fetched; undefined before the first update. */
export function loadCachedSheet(): PriceSheet | undefined {
  const meta = readCachedMeta();
  if (!meta || !existsSync(sheetPath())) return undefined;
  return parsePriceSheet(readFileSync(sheetPath(), 'utf8'), `cache:update (${meta.from})`);
}

/**
 * Stores a fetched sheet, converted to this project's format and dated by its snapshot's date.
 * node:crypto, for the fetched text's hash, is imported here: loaded with the CLI it cost every start.
 */
export async function storeSheet(
  models: readonly ModelPrice[],
  text: string,
  from: string,
  dates: {retrievedAt: string; asOf: string},
): Promise<string> {
  const {createHash} = await import('node:crypto');
  const dated = models.map((m) => ({...m, asOf: dates.asOf}));
  writeAtomic(
    sheetPath(),
    priceSheetDocument(dated, {
      asOf: dates.asOf,
      source: `prices update from ${from} (prices as of ${dates.asOf}, read ${dates.retrievedAt})`,
    }),
  );
  const meta: CachedMeta = {
    from,
    ...dates,
    sha256: createHash('sha256').update(text).digest('hex'),
    models: models.map((m) => m.id),
  };
  writeAtomic(metaPath(), `${JSON.stringify(meta, null, 2)}\n`);
  return sheetPath();
}

/** Reads a URL (http, https) or a local file. Network errors come back as a message, never thrown. */
export async function fetchText(from: string): Promise<{text: string} | {error: string}> {
  if (!/^https?:\/\//.test(from)) {
    try {
      return {text: readFileSync(from, 'utf8')};
    } catch (error) {
      return {error: `${from}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`};
    }
  }
  try {
    const response = await fetch(from, {signal: AbortSignal.timeout(30_000)});
    if (!response.ok) return {error: `${from}: HTTP ${response.status}`};
    return {text: await response.text()};
  } catch (error) {
    const cause = (error as {cause?: {code?: string; message?: string}}).cause;
    return {error: `${from}: ${cause?.code ?? cause?.message ?? (error as Error).message}`};
  }
}
