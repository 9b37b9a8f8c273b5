import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatCount } from './warn-episodes.js';

describe('formatCount', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes every safe integer as toLocaleString(\'en-US\') does', () => {
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.maxSafeNat(), fc.integer({ min: -1000, max: 1000 })), (n) => formatCount(n) === n.toLocaleString('en-US')));
    for (const n of [0, -0, 1, 999, 1000, -1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('formats a count without ICU (whose first use blocks for tens of ms)', () => {
    const locale = vi.spyOn(Number.prototype, 'toLocaleString');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(locale).not.toHaveBeenCalled();
  });
});
