-- vibe-cost aggregated usage: otel calls, duckdb SQL.
-- One row per UTC day, model, provider and long-context tier, with the requests and every token bucket
-- summed. Run it where the data lives, save the result as CSV, then: vibe-cost import RESULT.csv
-- (read as the vibe-cost.aggregated source).
-- Optional columns filled: sessions, user.
--
-- Input (otel_spans):
--   start_time  TIMESTAMP, UTC: when the span started
--   name        text: the span name ("chat claude-sonnet-4-5")
--   trace_id, span_id  text: the span ids (a span exported twice is counted once)
--   attributes  JSON (BigQuery JSON, Snowflake VARIANT, Postgres json/jsonb): the span attributes
--
-- Calls: spans whose gen_ai.operation.name (else the span name's first word) is chat, generate_content, text_completion;
-- other spans with usage (invoke_agent) sum the calls under them and are left out.
-- Model: gen_ai.response.model, else gen_ai.request.model. Provider: gen_ai.provider.name, else gen_ai.system.
-- Cache: gen_ai.usage.cache_read.input_tokens and gen_ai.usage.cache_creation.input_tokens are inside
-- gen_ai.usage.input_tokens and are taken out of it once. OTel does not say a write's cache TTL: writes are
-- in cache_write_5m_tokens and cache_write_1h_tokens is empty where a row has any (priced as 5-minute
-- writes, the cheaper TTL, and vibe-cost marks those totals as lower bounds).
-- sessions: distinct gen_ai.conversation.id (empty where a call has none). user: the user.id attribute.
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
    start_time,
    trace_id || '/' || span_id AS dedup_key,
    COALESCE(attributes__json[1], split_part(name, ' ', 1)) AS operation,
    COALESCE(attributes__json[2], attributes__json[3]) AS model,
    COALESCE(attributes__json[4], attributes__json[5]) AS provider,
    attributes__json[6] AS input_text,
    attributes__json[7] AS cache_read_text,
    attributes__json[8] AS cache_creation_text,
    attributes__json[9] AS output_text,
    attributes__json[10] AS session,
    attributes__json[11] AS user_name
  FROM (
    SELECT *,
      unnest([json_extract_string(attributes, ['$."gen_ai.operation.name"', '$."gen_ai.response.model"', '$."gen_ai.request.model"', '$."gen_ai.provider.name"', '$."gen_ai.system"', '$."gen_ai.usage.input_tokens"', '$."gen_ai.usage.cache_read.input_tokens"', '$."gen_ai.usage.cache_creation.input_tokens"', '$."gen_ai.usage.output_tokens"', '$."gen_ai.conversation.id"', '$."user.id"'])]) AS attributes__json
    FROM otel_spans
  ) AS parsed
  WHERE attributes__json[6] IS NOT NULL OR attributes__json[9] IS NOT NULL
),
calls AS (
  SELECT
    CAST(CAST(start_time AS DATE) AS VARCHAR) AS day,
    model,
    provider,
    dedup_key,
    CAST(COALESCE(input_text, '0') AS BIGINT) - CAST(COALESCE(cache_read_text, '0') AS BIGINT) - CAST(COALESCE(cache_creation_text, '0') AS BIGINT) AS input_tokens,
    CAST(COALESCE(cache_read_text, '0') AS BIGINT) AS cache_read_tokens,
    CAST(COALESCE(cache_creation_text, '0') AS BIGINT) AS cache_write_5m_tokens,
    CAST(NULL AS BIGINT) AS cache_write_1h_tokens,
    CAST(COALESCE(output_text, '0') AS BIGINT) AS output_tokens,
    session,
    user_name,
    CASE
      WHEN operation IS NULL OR operation NOT IN ('chat', 'generate_content', 'text_completion') THEN 'not a model call (an agent or tool span sums the calls under it)'
    END AS skip_reason
  FROM source_rows
),
ranked AS (
  SELECT calls.*,
    CASE WHEN dedup_key IS NULL THEN 1 ELSE ROW_NUMBER() OVER (PARTITION BY dedup_key ORDER BY output_tokens DESC) END AS copy_rank
  FROM calls
  WHERE skip_reason IS NULL
),
kept AS (
  SELECT * FROM ranked WHERE copy_rank = 1
),
long_context AS (
  SELECT * FROM (VALUES
      ('anthropic/claude-sonnet-4', 200000, '0000-01-01', '9999-12-31'),
      ('anthropic/claude-sonnet-4-5', 200000, '0000-01-01', '9999-12-31'),
      ('claude-4-sonnet', 200000, '0000-01-01', '9999-12-31'),
      ('claude-4-sonnet-2025-05-14', 200000, '0000-01-01', '9999-12-31'),
      ('claude-4-sonnet-20250514', 200000, '0000-01-01', '9999-12-31'),
      ('claude-sonnet-4', 200000, '0000-01-01', '9999-12-31'),
      ('claude-sonnet-4-20250514', 200000, '0000-01-01', '9999-12-31'),
      ('claude-sonnet-4-5', 200000, '0000-01-01', '9999-12-31'),
      ('claude-sonnet-4-5-20250929', 200000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen-flash', 256000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen-flash-2025-07-28', 256000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen-plus-2025-07-28', 256000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen-plus-2025-09-11', 256000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen-plus-latest', 256000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen3-5-plus', 256000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen3-7-plus', 256000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen3-coder-flash', 32000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen3-coder-plus', 32000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen3-max', 32000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen3-max-2026-01-23', 32000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen3-max-preview', 32000, '0000-01-01', '9999-12-31'),
      ('dashscope/qwen3-vl-plus', 32000, '0000-01-01', '9999-12-31'),
      ('gemini-2-5-computer-use-preview-10-2025', 200000, '0000-01-01', '9999-12-31'),
      ('gemini-2-5-pro', 200000, '0000-01-01', '9999-12-31'),
      ('gemini-2-5-pro-preview-tts', 200000, '0000-01-01', '9999-12-31'),
      ('gemini-3-1-pro-(preview)', 200000, '0000-01-01', '9999-12-31'),
      ('gemini-3-1-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      ('gemini-3-1-pro-preview-customtools', 200000, '0000-01-01', '9999-12-31'),
      ('gemini-3-pro-(preview)', 200000, '0000-01-01', '9999-12-31'),
      ('gemini-3-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      ('gemini-pro-latest', 200000, '0000-01-01', '9999-12-31'),
      ('gemini/gemini-2-5-computer-use-preview-10-2025', 200000, '0000-01-01', '9999-12-31'),
      ('gemini/gemini-2-5-pro', 200000, '0000-01-01', '9999-12-31'),
      ('gemini/gemini-2-5-pro-preview-tts', 200000, '0000-01-01', '9999-12-31'),
      ('gemini/gemini-3-1-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      ('gemini/gemini-3-1-pro-preview-customtools', 200000, '0000-01-01', '9999-12-31'),
      ('gemini/gemini-3-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      ('gemini/gemini-exp-1114', 128000, '0000-01-01', '9999-12-31'),
      ('gemini/gemini-exp-1206', 128000, '0000-01-01', '9999-12-31'),
      ('gemini/gemini-pro-latest', 200000, '0000-01-01', '9999-12-31'),
      ('gemini/gemma-3-27b-it', 128000, '0000-01-01', '9999-12-31'),
      ('gemini/learnlm-1-5-pro-experimental', 128000, '0000-01-01', '9999-12-31'),
      ('google/gemini-2-5-pro', 200000, '0000-01-01', '9999-12-31'),
      ('google/gemini-3-1-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      ('google/gemini-3-pro-preview', 200000, '0000-01-01', '9999-12-31'),
      ('gpt-5-4', 272000, '0000-01-01', '9999-12-31'),
      ('gpt-5-4-pro', 272000, '0000-01-01', '9999-12-31'),
      ('gpt-5-4-pro-2026-03-05', 272000, '0000-01-01', '9999-12-31'),
      ('gpt-5-5', 272000, '0000-01-01', '9999-12-31'),
      ('gpt-5-5-pro', 272000, '0000-01-01', '9999-12-31'),
      ('gpt-5-5-pro-2026-04-23', 272000, '0000-01-01', '9999-12-31'),
      ('gpt-5-6', 272000, '0000-01-01', '9999-12-31'),
      ('gpt-5-6-luna', 272000, '0000-01-01', '9999-12-31'),
      ('gpt-5-6-sol', 272000, '0000-01-01', '9999-12-31'),
      ('gpt-5-6-terra', 272000, '0000-01-01', '9999-12-31'),
      ('openai/gpt-5-4', 272000, '0000-01-01', '9999-12-31'),
      ('openai/gpt-5-5', 272000, '0000-01-01', '9999-12-31'),
      ('openai/gpt-5-6-luna', 272000, '0000-01-01', '9999-12-31'),
      ('openai/gpt-5-6-sol', 272000, '0000-01-01', '9999-12-31'),
      ('openai/gpt-5-6-terra', 272000, '0000-01-01', '9999-12-31'),
      ('qwen/qwen3-coder-flash', 0, '0000-01-01', '9999-12-31'),
      ('qwen/qwen3-coder-plus', 0, '0000-01-01', '9999-12-31'),
      ('qwen3-coder-flash', 32000, '0000-01-01', '9999-12-31'),
      ('qwen3-coder-plus', 32000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-0709', 128000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-1-fast', 128000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-1-fast-non-reasoning', 128000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-1-fast-non-reasoning-latest', 128000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-1-fast-reasoning', 128000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-1-fast-reasoning-latest', 128000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-3', 200000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-3-latest', 200000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-5', 200000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-5-latest', 200000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-fast-non-reasoning', 128000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-fast-reasoning', 128000, '0000-01-01', '9999-12-31'),
      ('xai/grok-4-latest', 128000, '0000-01-01', '9999-12-31')
    ) AS t(model_key, long_after, from_day, until_day)
),
model_keys AS (
  SELECT model, day, k1, k2, regexp_replace(regexp_replace(k1, '-([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2})$', '', 'g'), '-latest$', '', 'g') AS k3, regexp_replace(regexp_replace(k2, '-([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2})$', '', 'g'), '-latest$', '', 'g') AS k4
  FROM (
    SELECT model, day, k1, regexp_replace(k1, '^.*/', '', 'g') AS k2
    FROM (SELECT model, day, regexp_replace(LOWER(TRIM(model)), '[[:space:]_.]+', '-', 'g') AS k1 FROM (SELECT DISTINCT model, day FROM kept) k) d
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
  user_name AS "user",
  COUNT(*) AS requests,
  SUM(input_tokens) AS input_tokens,
  CASE WHEN COUNT(cache_read_tokens) = COUNT(*) THEN SUM(cache_read_tokens) END AS cache_read_tokens,
  CASE WHEN COUNT(cache_write_5m_tokens) = COUNT(*) THEN SUM(cache_write_5m_tokens) END AS cache_write_5m_tokens,
  CASE WHEN COUNT(cache_write_1h_tokens) = COUNT(*) THEN SUM(cache_write_1h_tokens) WHEN SUM(cache_write_5m_tokens) = 0 THEN 0 END AS cache_write_1h_tokens,
  SUM(output_tokens) AS output_tokens,
  CASE WHEN COUNT(session) = COUNT(*) THEN COUNT(DISTINCT session) END AS sessions
FROM tiered
GROUP BY day, model, provider, tier, user_name
ORDER BY day, model, provider, tier, user_name;
