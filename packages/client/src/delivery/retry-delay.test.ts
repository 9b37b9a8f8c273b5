import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-delay.js';

const policy = { initialBackoffMs: 100, maxBackoffMs: 1_000, maxRetryAfterMs: 5_000 };

describe('retryDelayMs', () => {
  it('draws below a ceiling that doubles per attempt up to the cap', () => {
    const almostOne = () => 0.999_999;
    expect(retryDelayMs(1, undefined, policy, almostOne)).toBe(99);
    expect(retryDelayMs(2, undefined, policy, almostOne)).toBe(199);
    expect(retryDelayMs(4, undefined, policy, almostOne)).toBe(799);
    expect(retryDelayMs(5, undefined, policy, almostOne)).toBe(999);
    expect(retryDelayMs(60, undefined, policy, almostOne)).toBe(999);
    expect(retryDelayMs(3, undefined, policy, () => 0.5)).toBe(200);
    expect(retryDelayMs(3, undefined, policy, () => 0)).toBe(0);
  });

  it('waits at least Retry-After, up to its ceiling', () => {
    expect(retryDelayMs(1, 2_000, policy, () => 0)).toBe(2_000);
    expect(retryDelayMs(1, 60_000, policy, () => 0)).toBe(5_000);
    expect(retryDelayMs(5, 10, policy, () => 0.5)).toBe(500);
  });

  it('survives a random source out of range', () => {
    expect(retryDelayMs(1, undefined, policy, () => 7)).toBe(100);
    expect(retryDelayMs(1, undefined, policy, () => -1)).toBe(0);
  });
});
