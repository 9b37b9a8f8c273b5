import type { ClientLogger } from './client-logger.js';

/** Distinct once-only warnings remembered; past this, new kinds are only counted, never logged. */
const MAX_ONCE_KEYS = 256;

/** The client's warnings: a logger that throws is ignored, and `once` warnings are logged once per key. */
export class Warnings {
  readonly #logger: ClientLogger;
  readonly #seen = new Set<string>();

  constructor(logger: ClientLogger) {
    this.#logger = logger;
  }

  warn(message: string): void {
    try {
      this.#logger.warn(message);
    } catch {
      // A logger that throws must not break delivery.
    }
  }

  once(key: string, message: string): void {
    if (this.#seen.has(key) || this.#seen.size >= MAX_ONCE_KEYS) return;
    this.#seen.add(key);
    this.warn(message);
  }
}
