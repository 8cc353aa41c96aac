import type {FileAccount, ImportOutcome, UsageRecord} from '../../core/history/usage-record.js';

export type {ImportOutcome} from '../../core/history/usage-record.js';
import {DataError} from '../../errors.js';
import {Readers} from './dispatch.js';
import {detectSource} from './detect.js';
import {expandInputs, type Found, RepeatFinder} from './files.js';
import {Progress, readHead, type ProgressReport} from './input.js';
import {README_IMPORT} from './hints.js';
import {localDay} from './numbers.js';
import {FileSink, RejectLog} from './sink.js';
import {LinePool} from './line-pool.js';
import {resolveOverlaps, type HeldFile} from './aggregates.js';
import {cleanHead, sniffContainer} from './sniff.js';
import {SOURCES, sourceById} from './sources/registry.js';
import type {SourceId} from './sources/source-ids.js';
import type {Overlap, UsageSource} from './sources/source.js';

export {detectSource} from './detect.js';

export interface ImportOptions {
  /** Force a source instead of detecting it (the --source flag). */
  readonly format?: SourceId;
  /** Stop at the first bad row with a DataError. */
  readonly strict?: boolean;
  /** Called with bytes read so far, total bytes (when known) and the file being read, for a progress line; optional. */
  readonly onProgress?: ProgressReport;
  /** Text to read for the input '-' (tests pass it; the CLI reads process.stdin into it). */
  readonly stdin?: () => Promise<string>;
}

/** Sources some other source summarises: the days their records hold are kept, to drop the summary's repeats. */
const SUMMARISED = new Set<string>(SOURCES.flatMap((s: UsageSource) => s.summarises ?? []));

const HINT = `force a source with --source ID, or ${README_IMPORT}`;

/** An input and its source; not its start, 64 KB a file, in a tree of thousands. */
interface Planned {
  readonly input: Found;
  readonly source: SourceId;
}

/** Names an input's source from its start, so a wrong file fails before any streaming starts. */
function plan(input: Found, format: SourceId | undefined): Planned | {ignored: string} {
  const head = readHead(input);
  const nul = head.indexOf('\u0000');
  if (nul !== -1) {
    if (input.walked) return {ignored: 'binary data, not a usage export or log'};
    throw new DataError(
      `${input.name}:${head.slice(0, nul).split('\n').length}: binary data, not a usage export or log`,
      HINT,
    );
  }
  if (cleanHead(head).trim() === '') {
    if (input.walked) return {ignored: 'empty file'};
    throw new DataError(`${input.name}: file is empty`, 'export the usage again, or leave this file out');
  }
  if (format !== undefined) return {input, source: format};
  const text = cleanHead(head);
  if (sniffContainer(text) === 'json' && Buffer.byteLength(head) >= input.size) {
    // The whole file is in hand: a JSON file that does not parse is broken, whatever it resembles.
    try {
      JSON.parse(text);
    } catch (error) {
      const at = /position (\d+)/.exec((error as Error).message)?.[1];
      const line = at === undefined ? text.split('\n').length : text.slice(0, Number(at)).split('\n').length;
      throw new DataError(
        `${input.name}:${line}: not valid JSON, truncated or garbled (${(error as Error).message})`,
        'export the file again',
      );
    }
  }
  const found = detectSource(head);
  if (found.source !== null) return {input, source: found.source};
  const missing = found.missing.length > 0 ? ` (missing columns: ${found.missing.join(', ')})` : '';
  const problem = `not a usage file vibe-cost knows; closest: ${found.closest}${missing}`;
  // A folder holds other files too (settings, manifests): those are listed as passed over, not fatal.
  if (input.walked) return {ignored: problem};
  throw new DataError(`${input.name}: ${problem}`, HINT);
}

/**
 * An import that imported nothing is a failure, never an empty report: why, in one line, or
 * undefined when something was imported.
 */
export function nothingImported(
  outcome: ImportOutcome,
  inputs: readonly string[],
  format: SourceId | undefined,
): DataError | undefined {
  const sum = (k: 'read' | 'imported' | 'duplicates' | 'rejected' | 'skipped') =>
    outcome.accounts.reduce((n, a) => n + a[k], 0);
  if (sum('imported') > 0) return undefined;
  const where = inputs.join(', ');
  const first = outcome.rejects[0];
  if (outcome.accounts.length === 0) {
    const passed = outcome.ignored[0];
    return new DataError(
      `nothing imported from ${where}: no file is a usage export or log (${outcome.ignored.length} passed over${passed ? `; ${passed.file}: ${passed.reason}` : ''})`,
      HINT,
    );
  }
  if (first && sum('rejected') === sum('read')) {
    return new DataError(
      `nothing imported from ${where}: all ${sum('read')} rows were rejected (first: ${first.file}:${first.line}: ${first.reason})`,
      '--rejects FILE lists every one with its reason',
    );
  }
  if (format !== undefined && sum('read') === 0) {
    return new DataError(
      `nothing imported from ${where}: read as --source ${format}, it holds no rows of that source`,
      'leave out --source to detect the format from the content',
    );
  }
  const repeated =
    outcome.repeatedFiles.length === outcome.accounts.length ? ' (every file repeats another)' : '';
  return new DataError(
    `nothing imported from ${where}: ${sum('read')} rows read, none with usage to price (${sum('skipped')} skipped, ${sum('duplicates')} duplicates, ${sum('rejected')} rejected)${repeated}`,
    'an export of a period with no usage has nothing to re-price',
  );
}

/** Worker threads for the JSONL files whose source says which lines and fields it reads, when they are many megabytes. */
function startPool(planned: readonly Planned[]): Promise<LinePool | undefined> {
  const files = planned.flatMap((p) => {
    const source = sourceById(p.source);
    return source.container === 'jsonl' && source.lines && p.input.path !== undefined
      ? [{path: p.input.path, size: p.input.size, ...source.lines}]
      : [];
  });
  return LinePool.start(files);
}

/** Streams every input, calling onRecord for each imported record, in a stable order. */
export async function importUsage(
  inputs: readonly string[],
  onRecord: (record: UsageRecord) => void,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const {found, passedOver} = await expandInputs(inputs, options.stdin);
  const planned: (Planned | undefined)[] = [];
  const ignored = [...passedOver];
  for (const input of found) {
    const p = plan(input, options.format);
    if ('ignored' in p) ignored.push({file: input.name, reason: p.ignored});
    planned.push('ignored' in p ? undefined : p);
  }

  const progress = new Progress(
    found.reduce((n, f) => n + f.size, 0),
    options.onProgress,
    planned.filter((p) => p !== undefined).length,
  );
  const rejects = new RejectLog(options.strict ?? false);
  const repeats = new RepeatFinder();
  const repeatedFiles: {file: string; sameAs: string}[] = [];
  const keptDays = new Map<string, Set<string>>();
  const overlaps = new Map<string, Overlap>();
  const accounts = new Map<number, FileAccount>();

  // The days a summarised source's records hold matter only to a summary read after them.
  let summaryAhead = false;
  const keep = (record: UsageRecord) => {
    if (summaryAhead && SUMMARISED.has(record.source)) {
      const days = keptDays.get(record.source) ?? new Set<string>();
      days.add(localDay(record.start));
      keptDays.set(record.source, days);
    }
    onRecord(record);
  };

  // Summaries (ccusage reports) go last: the raw logs they summarise must be known first to drop overlapping days.
  const order = planned
    .map((p, i) => [p, i] as const)
    .filter((e): e is readonly [Planned, number] => e[0] !== undefined);
  const summary = ([p]: readonly [Planned, number]) => sourceById(p.source).summarises !== undefined;
  const sorted = [...order.filter((e) => !summary(e)), ...order.filter(summary)];
  summaryAhead = order.some(summary);
  const held: {sink: FileSink; file: HeldFile}[] = [];
  const pool = await startPool(sorted.map(([p]) => p));
  const readers = new Readers({keptDays, overlaps, lines: pool});
  try {
    await readAll();
  } finally {
    await pool?.close();
  }
  async function readAll(): Promise<void> {
    for (const [p, i] of sorted) {
      const sameAs = await repeats.sameAs(p.input);
      if (sameAs !== undefined) repeatedFiles.push({file: p.input.name, sameAs});
      const source = sourceById(p.source);
      const sink = new FileSink(
        p.input.name,
        p.source,
        keep,
        rejects,
        sameAs !== undefined,
        source.family !== undefined,
      );
      progress.next();
      await readers.read(p.input, source, sink, progress);
      if (sink.held && source.family !== undefined)
        held.push({sink, file: {file: p.input.name, family: source.family, rows: sink.held}});
      accounts.set(i, sink.account);
    }
  }
  // Aggregated exports go in once every file is read: a day two of them hold alike is counted once.
  const overlapping = resolveOverlaps(held.map((h) => h.file));
  for (const h of held) h.sink.release(overlapping.drop.get(h.file) ?? new Set());

  return {
    accounts: [...accounts.entries()].sort((a, b) => a[0] - b[0]).map(([, a]) => a),
    rejects: rejects.list(),
    repeatedFiles,
    ignored,
    overlaps: [...overlaps.values()].map((o) => ({
      source: o.source,
      keptSource: o.keptSource,
      days: [...o.days].sort(),
      rows: o.rows,
    })),
    sameUsage: overlapping.same,
    differentTotals: overlapping.different,
  };
}
