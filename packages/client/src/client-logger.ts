/** Where the client's warnings go. Messages never contain credentials or field values of a fact. */
export interface ClientLogger {
  warn(message: string): void;
  /**
   * The trace, when the client's `debug` option is on: one line per fact accepted and per event emitted (types and
   * sequence numbers only, never values). Loggers without it get no trace.
   */
  debug?(message: string): void;
}

/** A logger that discards everything. */
export const silentLogger: ClientLogger = Object.freeze({ warn: () => undefined });

const stderrLogger: ClientLogger = Object.freeze({
  warn: (message: string) => {
    process.stderr.write(`[codex-analytics] ${message}\n`);
  },
  debug: (message: string) => {
    process.stderr.write(`[codex-analytics] debug: ${message}\n`);
  },
});

/**
 * The default logger, chosen when a client is created: warnings to stderr, always (a test suite that wants quiet
 * injects `silentLogger`; the client never guesses from the environment).
 */
export function defaultLogger(): ClientLogger {
  return stderrLogger;
}
