import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';

const FILE = `${AGENTS}/copilot-cli/otel/copilot-otel-2026-03-13.jsonl`;

describe("vibe-cost import: GitHub Copilot CLI's OpenTelemetry export", () => {
  it('imports the chat spans only, once per trace and span id, and prices them by hand', async () => {
    const doc = await importJson([FILE]);
    // Two chat spans; the invoke_agent span summing them (skipped); the first chat span written
    // again (duplicate); cache reads larger than input (rejected); a cut-off line (rejected). The log
    // line carries no usage: not a row.
    expect(accounts(doc)).toEqual({
      'copilot-cli/otel/copilot-otel-2026-03-13.jsonl': {
        source: 'copilot.otel',
        read: 6,
        imported: 2,
        duplicates: 1,
        rejected: 2,
        skipped: 1,
      },
    });
    expect(doc.rejected).toEqual([
      'copilot-cli/otel/copilot-otel-2026-03-13.jsonl:6: gen_ai.usage.cache_read.input_tokens (250) is larger than gen_ai.usage.input_tokens (100), which includes it',
      expect.stringMatching(/copilot-otel-2026-03-13\.jsonl:7: not valid JSON/),
    ]);
    // input_tokens includes cache reads and writes: 5000 − 3000, 8000 − 6000 − 1000.
    expect(tokenTotals(doc)).toEqual({
      input: 3000,
      cacheRead: 9000,
      cacheWrite5m: 1000,
      cacheWrite1h: 0,
      output: 700,
    });
    // gpt-4.1 $2/$0.50/$8 per MTok: $0.0087; claude-sonnet-4.5 $3/$0.30/$3.75/$15: $0.01305.
    expect(byok(doc)).toBe('0.02175');
    expect(doc.models.map((m) => m.model).sort()).toEqual(['claude-sonnet-4-5', 'gpt-4.1']);
    expect(doc.unknownModels).toEqual([]);
  });

  it('is told by its content, not its name; a near miss names it as closest', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(detectSource(text)).toEqual({source: 'copilot.otel'});
    expect(detectSource(text.replaceAll(/"(traceId|spanId)"/g, '"$1x"'))).toEqual({
      source: null,
      closest: 'copilot.otel',
      missing: ['traceId|spanId'],
    });
  });
});
