import type {TokenBuckets} from '../tokens.js';

/**
 * One normalised usage fact. Token buckets are disjoint: cached tokens have been taken out of
 * input exactly once, for the sources that count them inside it. Counts are integers.
 */
export interface UsageRecord {
  /** The id of the usage source it was read from (the importer's registry lists them). */
  readonly source: string;
  readonly file: string;
  /** 1-based line of the row (or the line that carried the kept copy, after dedup). */
  readonly line: number;
  /** request: one API call; bucket: an hour or a day of calls summed; day: a calendar date in an unknown zone. */
  readonly granularity: 'request' | 'bucket' | 'day';
  /** ISO 8601 instant in UTC ('2026-02-17T14:03:00.000Z'); for granularity 'day', 'YYYY-MM-DD'. */
  readonly start: string;
  /** The model exactly as the file names it; resolved to a price later. */
  readonly modelRaw: string;
  /** API calls behind the record when known (1 for request rows). */
  readonly requests: number | null;
  /** null for cost-only rows (cost exports). */
  readonly tokens: TokenBuckets | null;
  /** 'no-cache-split': cache buckets unknown (totals are lower bounds); 'none': cost-only. */
  readonly tokensKnown: 'all' | 'no-cache-split' | 'none';
  /** What the source says it cost, as a decimal string in dollars (cents already converted). */
  readonly reportedUsd?: string;
  readonly reportedKind?: 'billed' | 'estimate';
  /** Session or task the usage belongs to, where the source says (Claude Code sessionId, Codex session, generic task_id). */
  readonly taskId?: string;
  /** Claude Code's "fast" speed, OpenAI service tiers: priced by multipliers where a sheet gives them. */
  readonly speed?: 'fast';
  readonly serviceTier?: string;
  /** For an aggregated row, the long-context tier its requests were billed at, where the export says (Anthropic's context_window). */
  readonly contextTier?: 'base' | 'long';
  /** Server-side web searches the requests made: billed per search, apart from tokens. */
  readonly webSearches?: number;
  /** A cost-export row that is a tool's charge, not a model's (Anthropic's web_search, code_execution). */
  readonly toolCharge?: string;
  /** The provider the row's usage was billed by, where the row says: names the bill when no sheet knows the model. */
  readonly provider?: string;
  /** For an aggregated row, the tasks and sessions its requests belong to, where the source counted them. */
  readonly tasks?: number;
  readonly sessions?: number;
  /** Who the usage belongs to in an organisation, where the source says: what `import --by` groups on. */
  readonly dimensions?: Dimensions;
}

export const DIMENSIONS = ['user', 'team', 'project'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Dimensions = {readonly [D in Dimension]?: string};

export interface RejectedRow {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** What became of every row of one input: read = imported + duplicates + rejected, always. */
export interface FileAccount {
  readonly file: string;
  readonly source: string;
  /** Rows (CSV rows, JSON array items, or JSONL lines that carry usage) read. */
  read: number;
  imported: number;
  /** Copies collapsed by the source's dedup rule (streaming rewrites, re-emitted totals). */
  duplicates: number;
  rejected: number;
  /** Rows that carry nothing to price by design (header-only buckets, Codex info:null, `<synthetic>`): counted, not rejected. */
  skipped: number;
}

/** What an import came to: every input accounted for. */
export interface ImportOutcome {
  readonly accounts: FileAccount[];
  /** Every rejected row with file:line and reason; past 100,000 the list ends with one line counting the rest. */
  readonly rejects: RejectedRow[];
  /** Inputs skipped whole because their content was already imported (same bytes twice), with the file they repeat. */
  readonly repeatedFiles: {file: string; sameAs: string}[];
  /** Files met while walking a folder that are no usage export or log: passed over, and said so. */
  readonly ignored: {file: string; reason: string}[];
  /** Usage seen through two sources (Claude Code logs and ccusage output of the same days): which days, which source was kept. */
  readonly overlaps: {source: string; keptSource: string; days: string[]; rows: number}[];
  /** Two aggregations of the same usage (a daily and an hourly export of the same days): the later file's rows of those days not counted. */
  readonly sameUsage: {file: string; sameAs: string; days: string[]; rows: number}[];
  /** Files of the same kind covering the same days with different totals: both counted, and said. */
  readonly differentTotals: {file: string; other: string; days: string[]}[];
}
