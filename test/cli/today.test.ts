import {afterEach, describe, expect, it, vi} from 'vitest';
import {asOfDate, today} from '../../src/commands/options.js';

describe('today', () => {
  afterEach(() => vi.useRealTimers());

  it('is the UTC day, YYYY-MM-DD, as toISOString writes it, at the edges of days, months and years', () => {
    for (const at of [
      '2026-12-31T23:59:59.999Z',
      '2027-01-01T00:00:00.000Z',
      '2024-02-29T12:00:00.000Z',
      '2026-03-09T00:30:00.000Z',
    ]) {
      vi.useFakeTimers({now: new Date(at)});
      expect(today()).toBe(at.slice(0, 10));
      expect(asOfDate(undefined)).toBe(at.slice(0, 10));
    }
  });
});
