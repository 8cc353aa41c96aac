import {cleanHead, headerColumns, sniffContainer} from './sniff.js';
import {SOURCES} from './sources/registry.js';
import type {SourceId} from './sources/source-ids.js';
import type {CsvSource, JsonlSource, JsonSource} from './sources/source.js';

export type Detection = {source: SourceId} | {source: null; closest: SourceId; missing: string[]};

type Closest = {source: SourceId; missing: string[]; found: number} | undefined;

const CSV_SOURCES = SOURCES.filter(
  (s): s is Extract<(typeof SOURCES)[number], CsvSource> => s.container === 'text',
);
const JSON_SOURCES = SOURCES.filter(
  (s): s is Extract<(typeof SOURCES)[number], JsonSource | JsonlSource> => s.container !== 'text',
);

function nearMiss(closest: Closest): Detection {
  if (!closest) throw new Error('no usage source is registered for this container');
  return {source: null, closest: closest.source, missing: closest.missing};
}

function detectCsv(head: string): Detection {
  const present = new Set(headerColumns(head).columns.filter((c) => c !== ''));
  const has = (req: string) => req.split('|').some((name) => present.has(name));
  let closest: Closest;
  for (const source of CSV_SOURCES) {
    for (const sig of source.signatures) {
      const missing = sig.required.filter((r) => !has(r));
      if (missing.length === 0 && (!sig.exact || present.size === sig.required.length))
        return {source: source.id};
      const found = sig.required.length - missing.length;
      if (!sig.exact && (!closest || found > closest.found)) closest = {source: source.id, missing, found};
    }
  }
  return nearMiss(closest);
}

// Both containers are tried, the head's own first: a head cut inside a long first line looks like JSON but may be JSONL.
const headsFirst = (container: 'json' | 'jsonl') =>
  [...JSON_SOURCES].sort((a, b) => Number(b.container === container) - Number(a.container === container));
const ORDER = {json: headsFirst('json'), jsonl: headsFirst('jsonl')};

function detectJson(head: string, container: 'json' | 'jsonl'): Detection {
  const order = ORDER[container];
  // A marker missing from the head is a search to its end: the first one ends a source's turn
  // (on a tree of 2,500 short sessions, a Claude Code head took 50 us against 85 testing them all).
  for (const source of order) if (source.markers.every(([, re]) => re.test(head))) return {source: source.id};
  // No source matched: the one with the most markers found, for the message.
  let closest: Closest;
  for (const source of order) {
    const missing = source.markers.filter(([, re]) => !re.test(head)).map(([name]) => name);
    const found = source.markers.length - missing.length;
    if (!closest || found > closest.found) closest = {source: source.id, missing, found};
  }
  return nearMiss(closest);
}

/** Detects a file's source from its first bytes (the file name is never looked at). */
export function detectSource(head: string): Detection {
  const text = cleanHead(head);
  const container = sniffContainer(text);
  return container === 'text' ? detectCsv(text) : detectJson(text, container);
}
