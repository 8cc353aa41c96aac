import {Reader} from '../json-reader.js';

/** How a segment's users are set up on the platform today: one of the router's whole-app setups. */
export const SETUPS = ['all-platform', 'free-then-platform', 'all-free', 'all-byok'] as const;
export type Setup = (typeof SETUPS)[number];

export interface Segment {
  /** A bundled profile's id or a profile file: how these users work. */
  readonly profile: string;
  readonly share: number;
  readonly setup: Setup;
}

/** The platform's users as a mix of profiles, each share of them on one setup. */
export interface Population {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: string;
  readonly origin: string;
  readonly users: number;
  readonly segments: readonly Segment[];
  /** The segment free-tier users become when they convert to paying. */
  readonly convertsTo?: number;
}

export function parsePopulation(json: unknown, origin: string): Population {
  const unnamed = Reader.root(json, origin, 'population');
  const id = unnamed.text('id');
  const r = unnamed.as(`population "${id}"`);
  const segments = r.list('segments').map((s) => ({
    profile: s.text('profile'),
    share: s.number('share', 0, 1),
    setup: s.oneOf('setup', SETUPS),
  }));
  r.sharesOfOne('segments', segments);
  const convertsTo = r.has('convertsTo')
    ? r.integer('convertsTo', 0, undefined, segments.length - 1)
    : undefined;
  return {
    id,
    name: r.text('name'),
    description: r.text('description'),
    source: r.text('source'),
    origin,
    users: r.integer('users', 1),
    segments,
    ...(convertsTo !== undefined ? {convertsTo} : {}),
  };
}
