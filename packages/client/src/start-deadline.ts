import type { Sleep } from '@codex-analytics/transport';

export interface Deadline {
  /** Waits for `work` until the deadline, whichever comes first; then ends the deadline's timer. Never rejects. */
  race: (work: Promise<unknown>) => Promise<void>;
}

/**
 * A deadline `ms` from now, timed by the injected `sleep` (no clock is read, so a test's clock that moves on every
 * read cannot make it expire early). Work raced against it goes on in the background past it.
 */
export function startDeadline(ms: number, sleep: Sleep): Deadline {
  const timer = new AbortController();
  let expired: Promise<void>;
  try {
    expired = sleep(Math.max(0, ms), timer.signal).catch(() => undefined);
  } catch {
    expired = Promise.resolve();
  }
  return {
    race: async (work) => {
      try {
        await Promise.race([work.catch(() => undefined), expired]);
      } finally {
        timer.abort();
      }
    },
  };
}
