import { KeepAlive } from './keep-alive.js';
import type { Sleep } from '@codex-analytics/transport';

interface Waiter {
  /** Resolved once every fact up to this enqueue number is settled. */
  target: number;
  finish: () => void;
}

/**
 * The callers waiting in `flush()`/`shutdown()`. Each waits for the facts enqueued before its call (an enqueue
 * number) or its timeout, whichever comes first; all share the one worker, so concurrent flushes never duplicate
 * work. The client's timers are unref'd, but every waiter holds the process alive (`KeepAlive`) until it ends, so
 * `await client.flush()` or `await client.shutdown()` in a script waits for delivery (at most its timeout) instead of
 * the process exiting mid-backoff with the promise unsettled.
 */
export class FlushWaiters {
  readonly #waiters = new Set<Waiter>();
  readonly #sleep: Sleep;

  readonly #keepAlive: KeepAlive;

  constructor(sleep: Sleep, keepAlive = new KeepAlive()) {
    this.#sleep = sleep;
    this.#keepAlive = keepAlive;
  }

  get size(): number {
    return this.#waiters.size;
  }

  /** Waits until `notify` reports `target` settled or `timeoutMs` passes, then resolves with `result()`. */
  wait<T>(target: number, timeoutMs: number, result: () => T): Promise<T> {
    return new Promise<T>((resolve) => {
      const timeout = new AbortController();
      const letGo = this.#keepAlive.hold();
      const waiter: Waiter = {
        target,
        finish: () => {
          if (!this.#waiters.delete(waiter)) return;
          letGo();
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
