/**
 * Tells an outage from independent failures: `threshold` retryable results in a row, with no answer from the
 * backend in between, open it; any answer closes it.
 */
export class OutageBreaker {
  readonly #threshold: number;
  #failuresInARow = 0;

  constructor(threshold: number) {
    this.#threshold = Math.max(1, threshold);
  }

  /** Whether an outage is on. */
  get open(): boolean {
    return this.#failuresInARow >= this.#threshold;
  }

  /** 0 when closed; 1 at the failure that opened it, one more per further failure: sizes the pause. */
  get level(): number {
    return Math.max(0, this.#failuresInARow - this.#threshold + 1);
  }

  /** A retryable result; true when it is part of an outage (it opened it or came during it). */
  failure(): boolean {
    this.#failuresInARow += 1;
    return this.open;
  }

  /** The backend answered; true when this ended an outage. */
  answered(): boolean {
    const wasOpen = this.open;
    this.#failuresInARow = 0;
    return wasOpen;
  }
}
