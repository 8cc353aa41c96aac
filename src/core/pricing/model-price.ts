import type {Capability} from '../capability.js';
import type {Money} from '../money.js';

/** USD per million tokens for each bucket. A missing rate is unknown, never zero. */
export interface Rates {
  readonly input?: Money;
  readonly output?: Money;
  readonly cacheRead?: Money;
  readonly cacheWrite5m?: Money;
  readonly cacheWrite1h?: Money;
}

export interface LongContextTier {
  /** Prompt tokens of one request above which this tier applies. */
  readonly thresholdTokens: number;
  /** True: the whole request is priced at this tier. False: only the prompt tokens past the threshold. */
  readonly wholeRequest: boolean;
  readonly rates: Rates;
  /** The next step up, for prices in more than two prompt-size tiers (Qwen3-Coder's four): its threshold is higher. */
  readonly next?: LongContextTier;
}

/** A price change: from `effective` on, these rates (and this long-context tier; null: none). */
export interface PriceChange {
  readonly effective: string;
  readonly rates: Rates;
  readonly longContext?: LongContextTier | null;
}

/** Factors on the whole price for a request's service tier or speed, where the provider sets one. */
export interface Multipliers {
  readonly batch?: Money;
  readonly priority?: Money;
  readonly fast?: Money;
}

/** USD per call of a server-side tool, billed apart from tokens. */
export interface PerCall {
  readonly webSearch?: Money;
}

export interface ModelPrice {
  readonly id: string;
  readonly provider: string;
  readonly displayName?: string;
  readonly aliases: readonly string[];
  readonly capability: Capability;
  /** The sheet did not say (LiteLLM never does); the tier was guessed from the name. */
  readonly capabilityGuessed?: boolean;
  /** The provider sells a direct key that can call this model. */
  readonly byokable: boolean;
  readonly rates: Rates;
  readonly longContext?: LongContextTier;
  readonly multipliers?: Multipliers;
  readonly perCall?: PerCall;
  /** The largest prompt one request can carry (the context window's input side); unknown when absent. */
  readonly maxInputTokens?: number;
  /** Later prices, oldest first; `rates` and `longContext` above are those in force before the first. */
  readonly changes?: readonly PriceChange[];
  readonly asOf: string;
  readonly source: string;
  /** The sheet it came from: a bundled file name or a user's path. */
  readonly origin: string;
}

export interface SheetSummary {
  readonly origin: string;
  readonly format: 'vibe-cost' | 'litellm' | 'openrouter';
  readonly asOf: string;
  readonly models: number;
}

export interface PriceSheet {
  readonly summary: SheetSummary;
  readonly models: readonly ModelPrice[];
}
