import type {CsvRow} from '../csv.js';
import type {Input, Progress} from '../input.js';
import type {FileSink} from '../sink.js';
import type {Fields} from '../line-fields.js';
import type {LinePool} from '../line-pool.js';

/** A CSV export's header: every entry must be present ('a|b' means either); exact: and nothing else. */
export interface CsvSignature {
  readonly required: readonly string[];
  readonly exact?: boolean;
}

/** Named patterns that must all be found in a JSON or JSONL file's first 64 KiB; the names are shown when some miss. */
export type Markers = readonly (readonly [string, RegExp])[];

/** Maps one data row of a CSV export; the row is already counted as read. */
export type CsvMapper = (row: CsvRow) => void;

/** Days of usage already imported, by the source whose records hold them. */
export type KeptDays = ReadonlyMap<string, ReadonlySet<string>>;

/** Usage a summary (ccusage) repeats of raw logs imported beside it: its rows of those days are dropped. */
export interface Overlap {
  source: string;
  keptSource: string;
  days: Set<string>;
  rows: number;
}

/** What the readers of one import share across its files and sources. */
export interface ImportContext {
  readonly keptDays: KeptDays;
  readonly overlaps: Map<string, Overlap>;
  /** Workers reading the JSONL files ahead, when the import is large enough to pay for them. */
  readonly lines?: LinePool | undefined;
}

interface Described<Id extends string> {
  readonly id: Id;
  /** The provider whose usage the file holds, for rows whose model no price sheet knows (a cost export's tool charges). */
  readonly provider?: string;
  /**
   * For exports of usage already summed (by hour, day or session): the account usage they sum. Two
   * files of one family covering the same day with the same totals are one usage, counted once.
   */
  readonly family?: string;
  /** Sources whose raw logs this one summarises: it is read after every other file, and its rows of days they hold are dropped. */
  readonly summarises?: readonly string[];
}

/** A delimited export, streamed row by row; it may have several header layouts, tried in order. */
export interface CsvSource<Id extends string = string> extends Described<Id> {
  readonly container: 'text';
  readonly signatures: readonly CsvSignature[];
  /** Called with each file's header (normalised column names): the mapper for its rows. */
  readonly mapper: (header: ReadonlySet<string>, sink: FileSink) => CsvMapper;
}

/** A JSON document, small enough (a report, an API page) to parse whole. */
export interface JsonSource<Id extends string = string> extends Described<Id> {
  readonly container: 'json';
  readonly markers: Markers;
  /** Called once per import: the reader of its files, holding what it remembers across them. */
  readonly reader: (
    context: ImportContext,
  ) => (root: unknown, lines: WeakMap<object, number>, sink: FileSink) => void;
}

/** A JSON-lines log, streamed line by line. */
export interface JsonlSource<Id extends string = string> extends Described<Id> {
  readonly container: 'jsonl';
  readonly markers: Markers;
  /** The lines its reader parses (those holding `marker`) and the fields it reads of them: such a source's files can be read by worker threads. */
  readonly lines?: {readonly marker: string; readonly fields: Fields};
  /** Called once per import: the reader of its files, holding what it remembers across them. */
  readonly reader: (
    context: ImportContext,
  ) => (input: Input, sink: FileSink, progress: Progress) => Promise<void>;
}

export type UsageSource<Id extends string = string> = CsvSource<Id> | JsonSource<Id> | JsonlSource<Id>;
