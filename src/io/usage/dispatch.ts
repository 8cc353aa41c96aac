import type {SourceId} from '../../core/history/usage-record.js';
import {readCcusage, type Overlap} from './ccusage.js';
import {type ClaudeSeen, readClaudeCode} from './claude-code.js';
import {type CodexSeen, readCodex} from './codex.js';
import {isCsvSource, readCsv} from './csv-openrouter-generic.js';
import {type Input, type Progress, readWhole} from './input.js';
import {parseWhole} from './json.js';
import {readOpenaiApi} from './openai-api.js';
import type {FileSink} from './sink.js';

/** What readers share across the files of one import. */
export interface ImportState {
  readonly claude: ClaudeSeen;
  readonly codex: CodexSeen;
  readonly keptDays: ReadonlyMap<SourceId, ReadonlySet<string>>;
  readonly overlaps: Map<SourceId, Overlap>;
}

export const ccusageIsDeferred = (source: SourceId): boolean => source === 'ccusage.report';

export async function readInput(
  input: Input,
  head: string,
  source: SourceId,
  sink: FileSink,
  progress: Progress,
  state: ImportState,
): Promise<void> {
  if (isCsvSource(source)) return readCsv(input, head, source, sink, progress);
  switch (source) {
    case 'claude-code.jsonl':
      return readClaudeCode(input, sink, state.claude, progress);
    case 'codex.rollout':
      return readCodex(input, sink, state.codex, progress);
    default: {
      // The whole-JSON sources are small (reports and API pages): read at once.
      const {root, lines} = parseWhole(await readWhole(input, progress), input.name);
      if (source === 'ccusage.report') return readCcusage(root, lines, sink, state.keptDays, state.overlaps);
      return readOpenaiApi(root, lines, source, sink);
    }
  }
}
