import type {Capability} from '../capability.js';
import type {Rates} from './model-price.js';

/**
 * LiteLLM says nothing of a model's capability. A sheet of ours that knows the model overrides
 * this guess; otherwise free models are the open pool, and names or prices say small or frontier.
 */
export function guessCapability(id: string, rates: Rates): Capability {
  const name = id.toLowerCase();
  if (name.endsWith(':free') || (rates.input?.isZero() && rates.output?.isZero())) return 'open';
  if (/(mini|nano|flash|haiku|lite|small|tiny)/.test(name)) return 'small';
  if (rates.input && rates.input.gte(2.5)) return 'frontier';
  return 'mid';
}
