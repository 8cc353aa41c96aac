/** The environment variables each provider's own tools read a key from. */
export const ENV_KEYS: Readonly<Record<string, readonly string[]>> = {
  anthropic: ['ANTHROPIC_API_KEY'],
  openai: ['OPENAI_API_KEY'],
  google: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  deepseek: ['DEEPSEEK_API_KEY'],
  alibaba: ['DASHSCOPE_API_KEY'],
  moonshot: ['MOONSHOT_API_KEY'],
  zai: ['ZAI_API_KEY', 'ZHIPUAI_API_KEY'],
  openrouter: ['OPENROUTER_API_KEY'],
  xai: ['XAI_API_KEY'],
  mistral: ['MISTRAL_API_KEY'],
};

/**
 * Providers whose key variable is set. Only whether a variable is non-empty is looked at; the
 * value is never read into anything that could be printed or saved.
 */
export function keysFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(ENV_KEYS)
    .filter(([, names]) => names.some((name) => (env[name] ?? '') !== ''))
    .map(([provider]) => provider)
    .sort();
}
