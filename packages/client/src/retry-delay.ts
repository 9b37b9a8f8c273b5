/** How long the client waits before resending a batch that got a retryable result. */
export interface RetryDelayPolicy {
  /** Backoff ceiling after the first failed attempt; it doubles per further attempt. */
  initialBackoffMs: number;
  /** Cap on the backoff ceiling. */
  maxBackoffMs: number;
  /** Longest `Retry-After` honoured; a longer one waits this long. */
  maxRetryAfterMs: number;
}

/**
 * Full-jitter exponential backoff: a uniform draw in [0, min(maxBackoffMs, initialBackoffMs · 2^(attempt-1))),
 * raised to the server's `Retry-After` (capped at `maxRetryAfterMs`) when it sent one.
 * `attempt` is the number of attempts that have failed so far (1 after the first).
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: RetryDelayPolicy,
  random: () => number,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** exponent);
  const draw = Math.min(Math.max(random(), 0), 1);
  const jitter = Math.floor(draw * ceiling);
  const floor = retryAfterMs === undefined || !(retryAfterMs > 0) ? 0 : Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return Math.max(floor, jitter);
}
