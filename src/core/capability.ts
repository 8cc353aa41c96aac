/**
 * How capable a model is, as the router sees it. A task names the least tier it needs; any model
 * at that tier or above can serve it. The free tier's open-model pool sits at the bottom: good
 * enough for a landing page or a CRUD endpoint, not for a hard refactor.
 */
export const CAPABILITIES = ['open', 'small', 'mid', 'frontier'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export function isCapability(value: unknown): value is Capability {
  return typeof value === 'string' && (CAPABILITIES as readonly string[]).includes(value);
}

export function meetsCapability(have: Capability, need: Capability): boolean {
  return CAPABILITIES.indexOf(have) >= CAPABILITIES.indexOf(need);
}
