import { fullJitterBackoffMs } from '@codex-analytics/transport';

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
 * The transport's full-jitter backoff for a batch's `attempt`th failure, raised to the server's `Retry-After`
 * (capped at `maxRetryAfterMs`) when it sent one.
 * `attempt` is the number of attempts that have failed so far (1 after the first).
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: RetryDelayPolicy,
  random: () => number,
): number {
  const retryIndex = Math.min(Math.max(attempt - 1, 0), 30);
  const { initialBackoffMs, maxBackoffMs } = policy;
  const jitter = fullJitterBackoffMs({ retryIndex, initialBackoffMs, maxBackoffMs, random });
  const floor = retryAfterMs === undefined || !(retryAfterMs > 0) ? 0 : Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return Math.max(floor, jitter);
}
