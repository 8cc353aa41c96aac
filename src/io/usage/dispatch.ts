import {csvRows} from './csv.js';
import {type Input, type Progress, readHead, readWhole} from './input.js';
import {parseWhole} from './json.js';
import {RowProblem} from './numbers.js';
import type {FileSink} from './sink.js';
import type {CsvSource, ImportContext, JsonlSource, JsonSource, UsageSource} from './sources/source.js';

type JsonRead = ReturnType<JsonSource['reader']>;
type JsonlRead = ReturnType<JsonlSource['reader']>;

/** The readers of one import, each made the first time its source is met and kept for the files after. */
export class Readers {
  private readonly made = new Map<string, JsonRead | JsonlRead>();
  private readonly context: ImportContext;
  constructor(context: ImportContext) {
    this.context = context;
  }

  async read(input: Input, source: UsageSource, sink: FileSink, progress: Progress): Promise<void> {
    if (source.container === 'text') return readCsv(input, source, sink, progress);
    if (source.container === 'jsonl') return this.reader(source)(input, sink, progress);
    // The whole-JSON sources are small (reports and API pages): read at once.
    const {root, lines} = parseWhole(await readWhole(input, progress), input.name);
    return this.reader(source)(root, lines, sink);
  }

  private reader<S extends JsonSource | JsonlSource>(source: S): ReturnType<S['reader']> {
    const made = this.made.get(source.id) ?? source.reader(this.context);
    this.made.set(source.id, made);
    return made as ReturnType<S['reader']>;
  }
}

async function readCsv(input: Input, source: CsvSource, sink: FileSink, progress: Progress): Promise<void> {
  let map: ReturnType<CsvSource['mapper']> | undefined;
  // Its start again, for the delimiter: the plan keeps no file's start (64 KB each, in a tree of thousands).
  for await (const row of csvRows(input, readHead(input), progress)) {
    if ('header' in row) {
      map = source.mapper(new Set(row.header), sink);
      continue;
    }
    sink.row();
    const m = map;
    if (!m) continue;
    sink.settle(row.line, () => {
      if (row.overflow > 0)
        throw new RowProblem(
          `row has ${row.overflow} more non-empty field${row.overflow === 1 ? '' : 's'} than the header has columns (a shifted row, or the wrong delimiter)`,
        );
      m(row);
    });
  }
}
