/** Where the auth package reports what it could not do. Messages never contain a token or a private key. */
export interface AuthLogger {
  warn(message: string): void;
}

/** Writes warnings to `console.warn`, looked up at call time so tests can replace it. */
export const consoleAuthLogger: AuthLogger = {
  warn: (message) => {
    console.warn(message);
  },
};
