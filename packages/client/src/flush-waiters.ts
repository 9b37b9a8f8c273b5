import type { Sleep } from './sleep.js';

interface Waiter {
  /** Resolved once every fact up to this enqueue number is settled. */
  target: number;
  finish: () => void;
}

/** The longest delay `setTimeout` honours. */
const maxTimerMs = 2_147_483_647;

/**
 * The callers waiting in `flush()`/`shutdown()`. Each waits for the facts enqueued before its call (an enqueue
 * number) or its timeout, whichever comes first; all share the one worker, so concurrent flushes never duplicate
 * work. Timers are unref'd, except that a waiter created with `keepAlive` (the one `shutdown()` uses) holds a ref'd
 * timer until it ends, so `await client.shutdown()` at the end of a script waits for delivery (at most its timeout)
 * instead of the process exiting mid-backoff with the promise unsettled. A pending `flush()` never holds the process.
 */
export class FlushWaiters {
  readonly #waiters = new Set<Waiter>();
  readonly #sleep: Sleep;

  constructor(sleep: Sleep) {
    this.#sleep = sleep;
  }

  get size(): number {
    return this.#waiters.size;
  }

  /** Waits until `notify` reports `target` settled or `timeoutMs` passes, then resolves with `result()`. */
  wait<T>(target: number, timeoutMs: number, result: () => T, keepProcessAlive = false): Promise<T> {
    return new Promise<T>((resolve) => {
      const timeout = new AbortController();
      const keepAlive = keepProcessAlive ? setTimeout(() => undefined, Math.min(Math.max(timeoutMs, 0), maxTimerMs)) : undefined;
      const waiter: Waiter = {
        target,
        finish: () => {
          if (!this.#waiters.delete(waiter)) return;
          clearTimeout(keepAlive);
          timeout.abort();
          resolve(result());
        },
      };
      this.#waiters.add(waiter);
      if (timeoutMs === Infinity) return;
      try {
        this.#sleep(timeoutMs, timeout.signal).then(waiter.finish, () => undefined);
      } catch {
        // A sleep that throws cannot time the wait out; the waiter still ends with its target or `finishAll`.
      }
    });
  }

  /** Resolves every waiter whose target is at or below `settledThrough`. */
  notify(settledThrough: number): void {
    for (const waiter of this.#waiters) if (waiter.target <= settledThrough) waiter.finish();
  }

  finishAll(): void {
    for (const waiter of this.#waiters) waiter.finish();
  }
}
