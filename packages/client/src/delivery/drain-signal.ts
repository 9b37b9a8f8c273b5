import { KeepAlive } from './keep-alive.js';

/**
 * Backpressure for bulk producers, in the idiom of Node streams (`write()` returns false past the high-water mark,
 * then `'drain'`): the pending work is "full" once it reaches the high-water mark and "drained" again once it falls
 * to the low-water mark. `wait()` resolves at once when not full, else at the next drain, or when the client stops
 * (so a producer never waits forever on a client that will not make progress). While someone waits, the process is
 * held alive (a ref'd timer): a loop on `drained()` is never abandoned by the runtime with facts undelivered.
 */
export class DrainSignal {
  readonly #high: number;
  readonly #low: number;
  readonly #onDrain: () => void;
  #full = false;
  #waiters: (() => void)[] = [];
  readonly #keepAlive: KeepAlive;
  #letGo: (() => void) | undefined;

  /** `high` and `low` in the same unit as `update`'s `level` (a fraction of the client's bounds). */
  constructor(high: number, low: number, onDrain: () => void, keepAlive = new KeepAlive()) {
    this.#keepAlive = keepAlive;
    this.#high = high;
    this.#low = Math.min(low, high);
    this.#onDrain = onDrain;
  }

  /** Whether a producer should wait: the level reached the high-water mark and has not fallen back yet. */
  get full(): boolean {
    return this.#full;
  }

  /** Reports the current level (pending work against the bounds, 0..1). */
  update(level: number): void {
    if (!this.#full) {
      if (level >= this.#high) this.#full = true;
      return;
    }
    if (level <= this.#low) this.release();
  }

  /** Resolves when not full: now, at the next drain, or at `release()`. Never rejects. */
  wait(): Promise<void> {
    if (!this.#full) return Promise.resolve();
    this.#letGo ??= this.#keepAlive.hold();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Ends the full state (drained, or the client stopped): every waiter resolves, and `'drain'` is announced. */
  release(): void {
    if (!this.#full) return;
    this.#full = false;
    const waiters = this.#waiters;
    this.#waiters = [];
    this.#letGo?.();
    this.#letGo = undefined;
    for (const resolve of waiters) resolve();
    this.#onDrain();
  }
}
