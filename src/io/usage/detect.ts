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

function detectJson(head: string, container: 'json' | 'jsonl'): Detection {
  // Both containers are tried: a head cut inside a long first line looks like JSON but may be JSONL.
  const order = [...JSON_SOURCES].sort(
    (a, b) => Number(b.container === container) - Number(a.container === container),
  );
  let closest: Closest;
  for (const source of order) {
    const missing = source.markers.filter(([, re]) => !re.test(head)).map(([name]) => name);
    if (missing.length === 0) return {source: source.id};
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
