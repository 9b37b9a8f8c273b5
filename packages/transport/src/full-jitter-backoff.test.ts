import { describe, expect, it } from 'vitest';
import { fullJitterBackoffMs } from './full-jitter-backoff.js';

const base = { initialBackoffMs: 100, maxBackoffMs: 1_000 };

describe('fullJitterBackoffMs', () => {
  it('draws below a ceiling that doubles per retry', () => {
    const almostOne = (): number => 0.999_999;
    expect([0, 1, 2, 3].map((retryIndex) => fullJitterBackoffMs({ ...base, retryIndex, random: almostOne }))).toEqual([
      99, 199, 399, 799,
    ]);
  });

  it('caps the ceiling at maxBackoffMs, even for huge retry indexes', () => {
    expect(fullJitterBackoffMs({ ...base, retryIndex: 4, random: () => 0.5 })).toBe(500);
    expect(fullJitterBackoffMs({ ...base, retryIndex: 5000, random: () => 0.5 })).toBe(500);
  });

  it('can draw zero, and clamps a random source outside [0, 1]', () => {
    expect(fullJitterBackoffMs({ ...base, retryIndex: 2, random: () => 0 })).toBe(0);
    expect(fullJitterBackoffMs({ ...base, retryIndex: 2, random: () => -3 })).toBe(0);
    expect(fullJitterBackoffMs({ ...base, retryIndex: 2, random: () => 7 })).toBe(400);
  });
});
