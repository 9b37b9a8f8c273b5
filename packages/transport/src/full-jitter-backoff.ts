export interface BackoffOptions {
  /** 0 for the wait before the second attempt, 1 before the third, … */
  retryIndex: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** A number in [0, 1). */
  random: () => number;
}

/** "Full jitter": a uniform draw in [0, min(cap, initial · 2^retryIndex)). */
export function fullJitterBackoffMs({ retryIndex, initialBackoffMs, maxBackoffMs, random }: BackoffOptions): number {
  const ceiling = Math.min(maxBackoffMs, initialBackoffMs * 2 ** retryIndex);
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.floor(draw * ceiling);
}
