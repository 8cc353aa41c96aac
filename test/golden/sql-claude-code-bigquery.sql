-- vibe-cost aggregated usage: claude-code calls, bigquery SQL.
-- One row per UTC day, model, provider and long-context tier, with the requests and every token bucket
-- summed. Run it where the data lives, save the result as CSV, then: vibe-cost import RESULT.csv
-- (read as the vibe-cost.aggregated source).
-- Optional columns filled: sessions, project, cost_usd, speed, service_tier, web_searches.
--
-- Input (claude_code_lines):
--   one row per line of the ~/.claude/projects/**/*.jsonl logs: file (text), line_number (integer),
--   line (the JSON text; Snowflake VARIANT, Postgres json/jsonb/text)
--
-- Claude Code writes one line per content block of a response, the early ones with partial output:
-- copies with the same message.id + requestId (message.id alone where there is no requestId) are
-- one call, and the fullest is kept (a main-line copy before a sidechain one; ties: the earlier
-- file, the later line). <synthetic> placeholder turns are left out. Token counts are disjoint as
-- logged. Writes without a 5m/1h split (older logs) are 5-minute writes, as vibe-cost import reads them.
-- cost_usd: the sum of costUSD (old logs), empty where a call has none. sessions: distinct sessionId.
-- project: cwd. speed, service_tier, web_searches: as logged, priced by their multipliers and per-call prices.
--
-- Tier: a request is long when its prompt (uncached input + cache reads + cache writes) passes its
-- model's long-context threshold, decided per request before summing, so each row holds requests of
-- one tier and prices exactly. The thresholds (long_context below) were generated from the price book
-- (bundled sheets, as of 2026-08-01): 75 model names with a threshold, 2 without one that a
-- shorter name would otherwise match. A model is found as vibe-cost finds it (lower case, spaces, _ and .
-- as -, then without a vendor/ prefix, then without a date suffix); a name the table does not hold is base.
-- Run vibe-cost sql again after the prices change.
-- Models priced in more than two prompt-size steps (dashscope/qwen3-max, dashscope/qwen3-max-2026-01-23, dashscope/qwen3-max-preview, dashscope/qwen3-vl-plus, qwen3-coder-flash, qwen3-coder-plus): long means past the first step.
WITH
source_rows AS (
  SELECT
    file,
    line_number,
    JSON_VALUE(line, '$.timestamp') AS ts,
    JSON_VALUE(line, '$.message.model') AS model,
    COALESCE(JSON_VALUE(line, '$.message.id') || '/' || JSON_VALUE(line, '$.requestId'), JSON_VALUE(line, '$.message.id')) AS dedup_key,
    JSON_VALUE(line, '$.isSidechain') AS sidechain,
    JSON_VALUE(line, '$.sessionId') AS session,
    JSON_VALUE(line, '$.cwd') AS project,
    JSON_VALUE(line, '$.costUSD') AS cost_text,
    JSON_VALUE(line, '$.message.usage.input_tokens') AS input_text,
    JSON_VALUE(line, '$.message.usage.cache_read_input_tokens') AS cache_read_text,
    JSON_VALUE(line, '$.message.usage.cache_creation_input_tokens') AS cache_creation_text,
    JSON_VALUE(line, '$.message.usage.cache_creation.ephemeral_5m_input_tokens') AS write_5m_text,
    JSON_VALUE(line, '$.message.usage.cache_creation.ephemeral_1h_input_tokens') AS write_1h_text,
    JSON_VALUE(line, '$.message.usage.output_tokens') AS output_text,
    JSON_VALUE(line, '$.message.usage.speed') AS speed,
    JSON_VALUE(line, '$.message.usage.service_tier') AS service_tier,
    JSON_VALUE(line, '$.message.usage.server_tool_use.web_search_requests') AS web_text
  FROM claude_code_lines
  WHERE JSON_VALUE(line, '$.message.usage.input_tokens') IS NOT NULL OR JSON_VALUE(line, '$.message.usage.output_tokens') IS NOT NULL
),
calls AS (
  SELECT
    file,
    line_number,
    CAST(DATE(TIMESTAMP(ts)) AS STRING) AS day,
    model,
    CAST(NULL AS STRING) AS provider,
    dedup_key,
    CASE WHEN sidechain = 'true' THEN 1 ELSE 0 END AS sidechain,
    CAST(COALESCE(input_text, '0') AS INT64) AS input_tokens,
    CAST(COALESCE(cache_read_text, '0') AS INT64) AS cache_read_tokens,
    CASE WHEN write_5m_text IS NOT NULL OR write_1h_text IS NOT NULL THEN CAST(COALESCE(write_5m_text, '0') AS INT64) ELSE CAST(COALESCE(cache_creation_text, '0') AS INT64) END AS cache_write_5m_tokens,
    CASE WHEN write_5m_text IS NOT NULL OR write_1h_text IS NOT NULL THEN CAST(COALESCE(write_1h_text, '0') AS INT64) ELSE 0 END AS cache_write_1h_tokens,
    CAST(COALESCE(output_text, '0') AS INT64) AS output_tokens,
    CAST(cost_text AS BIGNUMERIC) AS cost_usd,
    session,
    project,
    CASE WHEN speed = 'fast' THEN 'fast' END AS speed,
    CASE WHEN service_tier <> '' THEN service_tier END AS service_tier,
    CAST(web_text AS INT64) AS web_searches,
    CASE
      WHEN model = '<synthetic>' THEN 'Claude Code''s placeholder turn (<synthetic>)'
    END AS skip_reason
  FROM source_rows
),
ranked AS (
  SELECT calls.*,
    CASE WHEN dedup_key IS NULL THEN 1 ELSE ROW_NUMBER() OVER (PARTITION BY dedup_key ORDER BY sidechain, input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens + output_tokens DESC, file, line_number DESC) END AS copy_rank
  FROM calls
  WHERE skip_reason IS NULL
),
kept AS (
  SELECT * FROM ranked WHERE copy_rank = 1
),
long_context AS (
  SELECT * FROM UNNEST([
      STRUCT('anthropic/claude-sonnet-4' AS model_key, 200000 AS long_after, '0000-01-01' AS from_day, '9999-12-31' AS until_day),
      STRUCT('anthropic/claude-sonnet-4-5', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('claude-4-sonnet', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('claude-4-sonnet-2025-05-14', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('claude-4-sonnet-20250514', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('claude-sonnet-4', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('claude-sonnet-4-20250514', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('claude-sonnet-4-5', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('claude-sonnet-4-5-20250929', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen-flash', 256000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen-flash-2025-07-28', 256000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen-plus-2025-07-28', 256000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen-plus-2025-09-11', 256000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen-plus-latest', 256000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen3-5-plus', 256000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen3-7-plus', 256000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen3-coder-flash', 32000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen3-coder-plus', 32000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen3-max', 32000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen3-max-2026-01-23', 32000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen3-max-preview', 32000, '0000-01-01', '9999-12-31'),
      STRUCT('dashscope/qwen3-vl-plus', 32000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini-2-5-computer-use-preview-10-2025', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini-2-5-pro', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini-2-5-pro-preview-tts', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini-3-1-pro-(preview)', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini-3-1-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini-3-1-pro-preview-customtools', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini-3-pro-(preview)', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini-3-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini-pro-latest', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/gemini-2-5-computer-use-preview-10-2025', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/gemini-2-5-pro', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/gemini-2-5-pro-preview-tts', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/gemini-3-1-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/gemini-3-1-pro-preview-customtools', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/gemini-3-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/gemini-exp-1114', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/gemini-exp-1206', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/gemini-pro-latest', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/gemma-3-27b-it', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('gemini/learnlm-1-5-pro-experimental', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('google/gemini-2-5-pro', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('google/gemini-3-1-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('google/gemini-3-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('gpt-5-4', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('gpt-5-4-pro', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('gpt-5-4-pro-2026-03-05', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('gpt-5-5', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('gpt-5-5-pro', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('gpt-5-5-pro-2026-04-23', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('gpt-5-6', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('gpt-5-6-luna', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('gpt-5-6-sol', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('gpt-5-6-terra', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('openai/gpt-5-4', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('openai/gpt-5-5', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('openai/gpt-5-6-luna', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('openai/gpt-5-6-sol', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('openai/gpt-5-6-terra', 272000, '0000-01-01', '9999-12-31'),
      STRUCT('qwen/qwen3-coder-flash', 0, '0000-01-01', '9999-12-31'),
      STRUCT('qwen/qwen3-coder-plus', 0, '0000-01-01', '9999-12-31'),
      STRUCT('qwen3-coder-flash', 32000, '0000-01-01', '9999-12-31'),
      STRUCT('qwen3-coder-plus', 32000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-0709', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-1-fast', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-1-fast-non-reasoning', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-1-fast-non-reasoning-latest', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-1-fast-reasoning', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-1-fast-reasoning-latest', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-3', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-3-latest', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-5', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-5-latest', 200000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-fast-non-reasoning', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-fast-reasoning', 128000, '0000-01-01', '9999-12-31'),
      STRUCT('xai/grok-4-latest', 128000, '0000-01-01', '9999-12-31')
    ])
),
model_keys AS (
  SELECT model, day, k1, k2, REGEXP_REPLACE(REGEXP_REPLACE(k1, '-([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2})$', ''), '-latest$', '') AS k3, REGEXP_REPLACE(REGEXP_REPLACE(k2, '-([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2})$', ''), '-latest$', '') AS k4
  FROM (
    SELECT model, day, k1, REGEXP_REPLACE(k1, '^.*/', '') AS k2
    FROM (SELECT model, day, REGEXP_REPLACE(LOWER(TRIM(model)), '[[:space:]_.]+', '-') AS k1 FROM (SELECT DISTINCT model, day FROM kept) k) d
  ) n
),
tiers AS (
  SELECT m.model, m.day,
    NULLIF(COALESCE(t1.long_after, t2.long_after, t3.long_after, t4.long_after), 0) AS long_after
  FROM model_keys m
  LEFT JOIN long_context t1 ON t1.model_key = m.k1 AND m.day >= t1.from_day AND m.day < t1.until_day
  LEFT JOIN long_context t2 ON t2.model_key = m.k2 AND m.day >= t2.from_day AND m.day < t2.until_day
  LEFT JOIN long_context t3 ON t3.model_key = m.k3 AND m.day >= t3.from_day AND m.day < t3.until_day
  LEFT JOIN long_context t4 ON t4.model_key = m.k4 AND m.day >= t4.from_day AND m.day < t4.until_day
),
tiered AS (
  SELECT kept.*,
    CASE WHEN tiers.long_after IS NOT NULL AND COALESCE(input_tokens, 0) + COALESCE(cache_read_tokens, 0) + COALESCE(cache_write_5m_tokens, 0) + COALESCE(cache_write_1h_tokens, 0) > tiers.long_after THEN 'long' ELSE 'base' END AS tier
  FROM kept
  LEFT JOIN tiers ON tiers.model = kept.model AND tiers.day = kept.day
)
SELECT
  day,
  model,
  provider,
  tier,
  project,
  speed,
  service_tier,
  COUNT(*) AS requests,
  SUM(input_tokens) AS input_tokens,
  CASE WHEN COUNT(cache_read_tokens) = COUNT(*) THEN SUM(cache_read_tokens) END AS cache_read_tokens,
  CASE WHEN COUNT(cache_write_5m_tokens) = COUNT(*) THEN SUM(cache_write_5m_tokens) END AS cache_write_5m_tokens,
  CASE WHEN COUNT(cache_write_1h_tokens) = COUNT(*) THEN SUM(cache_write_1h_tokens) WHEN SUM(cache_write_5m_tokens) = 0 THEN 0 END AS cache_write_1h_tokens,
  SUM(output_tokens) AS output_tokens,
  CASE WHEN COUNT(session) = COUNT(*) THEN COUNT(DISTINCT session) END AS sessions,
  CASE WHEN COUNT(cost_usd) = COUNT(*) THEN SUM(cost_usd) END AS cost_usd,
  SUM(web_searches) AS web_searches
FROM tiered
GROUP BY day, model, provider, tier, project, speed, service_tier
ORDER BY day, model, provider, tier, project, speed, service_tier;
