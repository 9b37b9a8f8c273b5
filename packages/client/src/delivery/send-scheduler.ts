import type { Sleep } from '@codex-analytics/transport';
import type { ClientLimits } from '../client-limits.js';
import type { EventBatch } from './event-batch.js';
import type { EventLoop } from './event-loop.js';
import { OutageBreaker } from './outage-breaker.js';
import { retryDelayMs } from './retry-delay.js';

/** Retryable results in a row (no answer from the backend in between) that make an outage. */
export const OUTAGE_AFTER_FAILURES = 5;

export interface SendSchedulerOptions {
  limits: Pick<ClientLimits, 'maxInFlightRequests' | 'initialBackoffMs' | 'maxBackoffMs' | 'maxRetryAfterMs'>;
  now: () => number;
  sleep: Sleep;
  random: () => number;
  eventLoop: EventLoop;
  /** A wake is due at `at` (a pause ended, a batch's backoff or linger is over): release what is due, run the worker. */
  onWake: (at: number) => void;
}

/** What a retryable result did: the wait it set, and whether it is part of an outage (which pauses all sending). */
export interface BackOff {
  delayMs: number;
  outage: boolean;
}

/**
 * When requests may go: how many at once (one probe during an outage), the pause after a `Retry-After` or an outage,
 * each batch's own backoff, and the one timer that wakes the worker for the earliest of them. All waiting goes through
 * the injected `sleep`, all time through the injected `now`.
 */
export class SendScheduler {
  readonly #options: SendSchedulerOptions;
  readonly #breaker = new OutageBreaker(OUTAGE_AFTER_FAILURES);
  #pausedUntil = 0;
  #wake: AbortController | undefined;
  #wakeAt = Infinity;

  constructor(options: SendSchedulerOptions) {
    this.#options = options;
  }

  /** Requests allowed in flight now: one while an outage is on (a probe), else `maxInFlightRequests`. */
  get requestLimit(): number {
    return this.#breaker.open ? 1 : this.#options.limits.maxInFlightRequests;
  }

  /** Whether a pause holds all sending at `now`; when it does, the worker is woken at its end. */
  pausedAt(now: number): boolean {
    if (this.#pausedUntil <= now) return false;
    this.wakeAt(this.#pausedUntil);
    return true;
  }

  /**
   * A retryable result for `batch`. On its own it backs off that batch alone (full jitter by its attempts); a
   * `Retry-After`, or the `OUTAGE_AFTER_FAILURES`th retryable result in a row, pauses all sending (by the outage's
   * length). Every wait is at least 1 ms: a retry always waits for a timer, so a transport that fails without I/O
   * cannot spin the worker.
   */
  backOff(batch: EventBatch, retryAfterMs: number | undefined): BackOff {
    const { now, random, limits } = this.#options;
    const outage = this.#breaker.failure();
    const at = now();
    if (outage || retryAfterMs !== undefined) {
      const attempt = outage ? Math.max(batch.attempts, this.#breaker.level) : batch.attempts;
      const delayMs = Math.max(1, retryDelayMs(attempt, retryAfterMs, limits, random));
      this.#pausedUntil = Math.max(this.#pausedUntil, at + delayMs);
      batch.notBefore = 0;
      return { delayMs, outage };
    }
    const delayMs = Math.max(1, retryDelayMs(batch.attempts, undefined, limits, random));
    batch.notBefore = at + delayMs;
    return { delayMs, outage };
  }

  /** The backend answered (any status but a retryable one); true when this ended an outage. */
  answered(): boolean {
    return this.#breaker.answered();
  }

  /** Wakes the worker at `at` (epoch ms); an earlier wake replaces a later one. */
  wakeAt(at: number): void {
    if (this.#wake !== undefined && this.#wakeAt <= at) return;
    this.#wake?.abort();
    const wake = new AbortController();
    this.#wake = wake;
    this.#wakeAt = at;
    const done = (): void => {
      if (this.#wake !== wake) return;
      this.#wake = undefined;
      this.#wakeAt = Infinity;
      // The wait was served even if an injected clock did not move; only a later extension waits again.
      if (this.#pausedUntil <= at) this.#pausedUntil = 0;
      this.#options.onWake(at);
    };
    try {
      this.#options.sleep(Math.max(0, at - this.#options.now()), wake.signal).then(done, done);
    } catch {
      this.#wake = undefined;
      this.#wakeAt = Infinity;
    }
  }

  /** After an unexpected worker error: runs `run` after a 1 ms timer, so the worker never stays stopped nor spins. */
  resumeLater(run: () => void): void {
    try {
      this.#options.sleep(1).then(run, run);
    } catch {
      this.#options.eventLoop.timer(run, 1);
    }
  }

  /** Cancels the pending wake (at shutdown). */
  stop(): void {
    this.#wake?.abort();
  }
}
