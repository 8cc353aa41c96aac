import type {FileAccount, RejectedRow, UsageRecord} from '../../core/history/usage-record.js';
import {DataError} from '../../errors.js';
import {RowProblem} from './numbers.js';

export const MAX_KEPT_REJECTS = 100_000;

/** Rejected rows of the whole import: every one counted, the first 100,000 kept with their reasons. */
export class RejectLog {
  readonly rows: RejectedRow[] = [];
  notKept = 0;
  private readonly strict: boolean;
  constructor(strict: boolean) {
    this.strict = strict;
  }

  add(row: RejectedRow): void {
    if (this.strict) throw new DataError(`${row.file}:${row.line}: ${row.reason}`);
    if (this.rows.length < MAX_KEPT_REJECTS) this.rows.push(row);
    else this.notKept++;
  }

  /** The kept rows, with one last line saying how many more there were when the list was capped. */
  list(): RejectedRow[] {
    if (this.notKept === 0) return this.rows;
    return [
      ...this.rows,
      {
        file: '(all files)',
        line: 0,
        reason: `${this.notKept} more rejected rows not listed (kept the first ${MAX_KEPT_REJECTS})`,
      },
    ];
  }
}

/**
 * Where a reader puts each row's fate. Every row read ends in exactly one of emit, duplicate,
 * reject or skip, which is what keeps read = imported + duplicates + rejected + skipped.
 * A ghost sink (a file whose bytes were already imported) turns every row into a duplicate.
 */
export class FileSink {
  readonly account: FileAccount;
  readonly file: string;
  private readonly onRecord: (record: UsageRecord) => void;
  private readonly rejects: RejectLog;
  private readonly ghost: boolean;
  /** Rows of an aggregated export, held until the import knows which days another file already holds. */
  readonly held: UsageRecord[][] | undefined;

  constructor(
    file: string,
    source: string,
    onRecord: (record: UsageRecord) => void,
    rejects: RejectLog,
    ghost = false,
    hold = false,
  ) {
    this.file = file;
    this.onRecord = onRecord;
    this.rejects = rejects;
    this.ghost = ghost;
    this.held = hold && !ghost ? [] : undefined;
    this.account = {file, source, read: 0, imported: 0, duplicates: 0, rejected: 0, skipped: 0};
  }

  /** Settles the held rows: those whose every day is in `drop` are duplicates, the rest imported. */
  release(drop: ReadonlySet<string>): void {
    for (const row of this.held ?? []) {
      if (row.every((r) => drop.has(r.start.slice(0, 10)))) this.account.duplicates++;
      else {
        this.account.imported++;
        for (const r of row) this.onRecord(r);
      }
    }
  }

  /** One row read; the reader then settles it with one of the calls below. */
  row(): void {
    this.account.read++;
  }

  emit(records: UsageRecord | readonly UsageRecord[]): void {
    if (this.ghost) {
      this.account.duplicates++;
      return;
    }
    if (this.held) {
      this.held.push(Array.isArray(records) ? [...(records as UsageRecord[])] : [records as UsageRecord]);
      return;
    }
    this.account.imported++;
    if (Array.isArray(records)) for (const r of records as UsageRecord[]) this.onRecord(r);
    else this.onRecord(records as UsageRecord);
  }

  duplicate(n = 1): void {
    this.account.duplicates += n;
  }

  skip(): void {
    if (this.ghost) this.account.duplicates++;
    else this.account.skipped++;
  }

  reject(line: number, reason: string): void {
    if (this.ghost) {
      this.account.duplicates++;
      return;
    }
    this.account.rejected++;
    this.rejects.add({file: this.file, line, reason});
  }

  /** Runs one row's mapping; a RowProblem rejects the row, anything else propagates. */
  settle(line: number, map: () => void): void {
    try {
      map();
    } catch (error) {
      if (error instanceof RowProblem) this.reject(line, error.message);
      else throw error;
    }
  }
}
