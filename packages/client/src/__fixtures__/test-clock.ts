import type { Sleep } from '@codex-analytics/transport';

interface Timer {
  at: number;
  resolve: () => void;
}

/** Lets the event loop run: pending microtasks, then a few macrotask turns (fake sends resolve in these). */
export async function settle(turns = 5): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A virtual clock for `now` and `sleep`: time moves only in `advance`, which fires due sleeps in order and lets the
 * client react after each. No real timers, so tests are fast and deterministic.
 */
export class TestClock {
  time = 1_700_000_000_000;
  readonly #timers = new Set<Timer>();

  readonly now = (): number => this.time;

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(new Error('aborted'));
        return;
      }
      const timer: Timer = {
        at: this.time + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.#timers.delete(timer);
        reject(new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.add(timer);
    });

  /** Pending sleeps, for assertions. */
  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing every sleep that falls due, earliest first. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.#timers) if (timer.at <= target && (next === undefined || timer.at < next.at)) next = timer;
      if (next === undefined) break;
      this.#timers.delete(next);
      this.time = Math.max(this.time, next.at);
      next.resolve();
      await settle();
    }
    this.time = target;
    await settle();
  }
}
