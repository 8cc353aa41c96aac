import {cell} from '../cells.js';
import {countFromText, minus, required, RowProblem, usdFromText, utcInstant} from '../numbers.js';
import type {CsvSource} from './source.js';

const ID = 'cursor.usage';

const WITH_WRITE = 'input_(w/_cache_write)';
const WITHOUT_WRITE = 'input_(w/o_cache_write)';

/** Kinds whose Cost is money the user paid beyond the plan; the rest ran inside it. */
const PAID = /^(on-demand|usage-based|pay-as-you-go)/i;
/** Kinds Cursor writes for requests that failed before any usage: nothing to price. */
const NOT_CHARGED = /(errored|aborted|no charge|not charged)/i;

/**
 * Cursor's usage export (Dashboard → Usage → Export CSV): Cursor keeps no token log on disk. One row
 * per request; the cache write is the difference of the two input columns, cache reads apart.
 * Older exports have no Kind or Max Mode. A Cost that is money is the reported amount: billed for
 * on-demand rows, the plan's own figure for included ones; "Included" or "-" is no amount. A row
 * equal in every cell to an earlier one of the file is a duplicate (a request written twice); two
 * exports of overlapping ranges are not compared row by row: export disjoint ranges.
 */
export const cursorUsage: CsvSource<typeof ID> = {
  id: ID,
  container: 'text',
  signatures: [{required: ['date', 'model', WITH_WRITE, WITHOUT_WRITE, 'cache_read', 'total_tokens']}],
  mapper: (header, sink) => {
    const columns = [...header];
    const seen = new Set<string>();
    return (row) => {
      const key = columns.map((c) => row.get(c) ?? '').join('\u0000');
      if (seen.has(key)) return sink.duplicate();
      const kind = cell(row, 'kind') ?? '';
      const count = (column: string) => countFromText(row.get(column), column);
      const withWrite = required(count(WITH_WRITE), WITH_WRITE);
      const withoutWrite = required(count(WITHOUT_WRITE), WITHOUT_WRITE);
      const read = count('cache_read') ?? 0;
      const output = required(count('output_tokens') ?? count('output'), 'output_tokens');
      if (NOT_CHARGED.test(kind) && withWrite + read + output === 0) {
        seen.add(key);
        return sink.skip();
      }
      const text = cell(row, 'cost');
      const usd = text === undefined || /^[a-z-]/i.test(text) ? undefined : usdFromText(text, 'cost');
      const model = cell(row, 'model');
      if (model === undefined) throw new RowProblem('model is empty');
      sink.emit({
        source: ID,
        file: sink.file,
        line: row.line,
        granularity: 'request',
        start: utcInstant(row.get('date'), 'date'),
        modelRaw: model,
        requests: 1,
        tokens: {
          input: withoutWrite,
          cacheRead: read,
          cacheWrite5m: minus(withWrite, withoutWrite, WITH_WRITE, WITHOUT_WRITE),
          cacheWrite1h: 0,
          output,
        },
        tokensKnown: 'all',
        ...(usd === undefined
          ? {}
          : {reportedUsd: usd, reportedKind: PAID.test(kind) ? ('billed' as const) : ('estimate' as const)}),
      });
      seen.add(key);
    };
  },
};
