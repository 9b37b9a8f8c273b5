/** Where the collector reports what it skipped (for example a torn line in the NDJSON file). */
export interface CollectorLogger {
  warn(message: string): void;
}

/** Writes warnings to `console.warn`, looked up at call time so tests can replace it. */
export const consoleCollectorLogger: CollectorLogger = {
  warn: (message) => {
    console.warn(message);
  },
};
