import {geminiRecord, type GeminiFields} from '../gemini-tokens.js';
import type {Input, Progress} from '../input.js';
import {isObj, jsonLinesWith} from '../json.js';
import {SeenKeys} from '../seen-keys.js';
import type {FileSink} from '../sink.js';
import type {JsonlSource} from './source.js';

const ID = 'qwen-code.jsonl';
const FIELDS: GeminiFields = {
  prompt: 'promptTokenCount',
  candidates: 'candidatesTokenCount',
  cached: 'cachedContentTokenCount',
  thoughts: 'thoughtsTokenCount',
  tool: 'toolUsePromptTokenCount',
  total: 'totalTokenCount',
};

/**
 * Qwen Code chat recordings (`~/.qwen/projects/<project>/chats/<session>.jsonl`; QwenLM/qwen-code
 * packages/core/src/services/chatRecordingService.ts). Each `assistant` record is one model response
 * with Gemini-style `usageMetadata`: the prompt count includes the cached tokens (taken out once).
 * A resumed session repeats records with their uuid: one uuid is counted once. The `system`
 * telemetry records restate the same usage and are not read.
 */
async function readQwen(input: Input, sink: FileSink, seen: SeenKeys, progress: Progress): Promise<void> {
  for await (const batch of jsonLinesWith(input, progress, '"usageMetadata"', sink))
    for (const [entry, n] of batch) {
      if (!isObj(entry) || entry['type'] !== 'assistant') continue;
      const record = entry;
      sink.row();
      sink.settle(n, () => {
        const usage = record['usageMetadata'];
        // A response cut off before the usage arrived.
        if (!isObj(usage)) return sink.skip();
        const uuid = typeof record['uuid'] === 'string' ? record['uuid'] : undefined;
        if (uuid !== undefined && seen.has(uuid)) return sink.duplicate();
        const session = typeof record['sessionId'] === 'string' ? record['sessionId'] : undefined;
        sink.emit(
          geminiRecord(
            {source: ID, file: sink.file, line: n},
            record,
            {counts: usage, object: 'usageMetadata', fields: FIELDS},
            session,
          ),
        );
        if (uuid !== undefined) seen.add(uuid);
      });
    }
}

export const qwenCode: JsonlSource<typeof ID> = {
  id: ID,
  container: 'jsonl',
  // Listed before Claude Code, whose sessionId and parentUuid these records share.
  markers: [
    ['usageMetadata', /(?<!\\)"usageMetadata"\s*:/],
    ['sessionId', /(?<!\\)"sessionId"\s*:/],
  ],
  reader: () => {
    const seen = new SeenKeys();
    return (input, sink, progress) => readQwen(input, sink, seen, progress);
  },
};
