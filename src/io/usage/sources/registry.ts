import {aggregatedUsage, aggregatedUsageJsonl} from './aggregated-usage.js';
import {aiderAnalytics} from './aider-analytics.js';
import {ampThreads} from './amp-threads.js';
import {anthropicConsoleCost} from './anthropic-console-cost.js';
import {anthropicConsoleTokens} from './anthropic-console-tokens.js';
import {ccusageReport} from './ccusage-report.js';
import {claudeCode} from './claude-code.js';
import {clineTasks} from './cline-tasks.js';
import {codexRollout} from './codex-rollout.js';
import {copilotOtel} from './copilot-otel.js';
import {cursorUsage} from './cursor-usage.js';
import {geminiCliJson, geminiCliJsonl} from './gemini-cli.js';
import {opencode} from './opencode.js';
import {gooseSessions} from './goose-sessions.js';
import {openaiApiCost} from './openai-api-cost.js';
import {openaiApiUsage} from './openai-api-usage.js';
import {openaiDashboardCost} from './openai-dashboard-cost.js';
import {openaiDashboardUsage} from './openai-dashboard-usage.js';
import {openrouterActivity} from './openrouter-activity.js';
import {openrouterGenerations} from './openrouter-generations.js';
import {qwenCode} from './qwen-code.js';
import type {UsageSource} from './source.js';
import type {SourceId} from './source-ids.js';
import {vibeCostGeneric} from './vibe-cost-generic.js';

/**
 * Every usage source the importer reads, in the order detection tries them: the first whose
 * signature a file matches wins, and of near misses the earlier one is named as closest.
 */
export const SOURCES = [
  anthropicConsoleTokens,
  anthropicConsoleCost,
  openaiDashboardUsage,
  openaiDashboardCost,
  openaiApiCost,
  openaiApiUsage,
  openrouterGenerations,
  openrouterActivity,
  cursorUsage,
  ccusageReport,
  opencode,
  clineTasks,
  ampThreads,
  gooseSessions,
  codexRollout,
  copilotOtel,
  geminiCliJsonl,
  geminiCliJson,
  qwenCode,
  aiderAnalytics,
  claudeCode,
  aggregatedUsage,
  aggregatedUsageJsonl,
  vibeCostGeneric,
] as const satisfies readonly (UsageSource & {id: SourceId})[];

const BY_ID = new Map<string, UsageSource>(SOURCES.map((s) => [s.id, s]));

export function sourceById(id: string): UsageSource {
  const source = BY_ID.get(id);
  if (!source) throw new Error(`no usage source ${id}`);
  return source;
}
