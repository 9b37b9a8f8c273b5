import { MAX_TIMER_MS } from '@codex-analytics/transport';

/**
 * A counted hold on the process: while at least one caller holds it, one ref'd timer keeps Node's event loop alive,
 * so a program awaiting `drained()`, `flush()` or `shutdown()` is never abandoned by the runtime with its promise
 * unsettled (the client's own backoff timers are unref'd, and an idle client must not hold the process). Each
 * `hold()` returns its own release, which is idempotent.
 */
export class KeepAlive {
  #holders = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  get held(): boolean {
    return this.#holders > 0;
  }

  hold(): () => void {
    this.#holders += 1;
    this.#timer ??= setInterval(() => undefined, MAX_TIMER_MS);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holders -= 1;
      if (this.#holders > 0 || this.#timer === undefined) return;
      clearInterval(this.#timer);
      this.#timer = undefined;
    };
  }
}
