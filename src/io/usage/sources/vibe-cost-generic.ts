import type {UsageRecord} from '../../../core/history/usage-record.js';
import {text} from '../cells.js';
import {countFromText, isDay, required, RowProblem, usdFromText, utcInstant} from '../numbers.js';
import type {CsvSource} from './source.js';

const ID = 'vibe-cost.generic';

/**
 * vibe-cost's own CSV: timestamp,model,input_tokens,output_tokens[,cache_read_tokens][,cache_write_tokens][,cost_usd][,task_id].
 * input_tokens is uncached input. The cache columns are optional because many tools never cache:
 * an absent column means 0 and the record still counts as fully known ('all'). cache_write_tokens
 * are priced as 5-minute writes. cost_usd is taken as what was billed. A date without a time is a
 * calendar day in an unknown zone; a time without a zone is UTC.
 */
export const vibeCostGeneric: CsvSource<typeof ID> = {
  id: ID,
  container: 'text',
  signatures: [{required: ['timestamp|date', 'model', 'input_tokens', 'output_tokens']}],
  mapper: (_header, sink) => (row) => {
    const when = text(row.get('timestamp')) ?? text(row.get('date'));
    if (when === undefined) throw new RowProblem('timestamp is empty');
    const day = isDay(when);
    if (day) utcInstant(when, 'timestamp');
    const usd = usdFromText(row.get('cost_usd'), 'cost_usd');
    const task = text(row.get('task_id'));
    const model = text(row.get('model'));
    if (model === undefined) throw new RowProblem('model is empty');
    const record: {-readonly [K in keyof UsageRecord]: UsageRecord[K]} = {
      source: ID,
      file: sink.file,
      line: row.line,
      granularity: day ? 'day' : 'request',
      start: day ? when : utcInstant(when, 'timestamp'),
      modelRaw: model,
      requests: day ? null : 1,
      tokens: {
        input: required(countFromText(row.get('input_tokens'), 'input_tokens'), 'input_tokens'),
        cacheRead: countFromText(row.get('cache_read_tokens'), 'cache_read_tokens') ?? 0,
        cacheWrite5m: countFromText(row.get('cache_write_tokens'), 'cache_write_tokens') ?? 0,
        cacheWrite1h: 0,
        output: required(countFromText(row.get('output_tokens'), 'output_tokens'), 'output_tokens'),
      },
      tokensKnown: 'all',
    };
    // Set, not spread in: two spreads per row were a twentieth of a million-row import.
    if (usd !== undefined) {
      record.reportedUsd = usd;
      record.reportedKind = 'billed';
    }
    if (task !== undefined) record.taskId = task;
    sink.emit(record);
  },
};
