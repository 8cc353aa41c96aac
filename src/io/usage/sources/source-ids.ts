/**
 * Every usage source's id, in the order registry.ts tries them. --source and its completion list
 * these at every start; the readers themselves (and node:crypto and node:fs/promises with them)
 * load only when a file is imported. registry.ts holds each id to this list.
 */
export const SOURCE_IDS = [
  'anthropic.console.tokens',
  'anthropic.console.cost',
  'openai.dashboard.usage',
  'openai.dashboard.cost',
  'openai.api.cost',
  'openai.api.usage',
  'openrouter.generations',
  'openrouter.activity',
  'cursor.usage',
  'ccusage.report',
  'opencode.message',
  'cline.ui-messages',
  'amp.thread',
  'goose.sessions',
  'codex.rollout',
  'copilot.otel',
  'gemini-cli.jsonl',
  'gemini-cli.json',
  'qwen-code.jsonl',
  'aider.analytics',
  'claude-code.jsonl',
  'vibe-cost.aggregated',
  'vibe-cost.aggregated-jsonl',
  'vibe-cost.generic',
] as const;

export type SourceId = (typeof SOURCE_IDS)[number];
