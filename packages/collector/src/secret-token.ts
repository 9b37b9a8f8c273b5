import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Shortest token accepted from a file or the environment: anything shorter is guessable. */
export const minTokenLength = 16;

/**
 * Whether `given` is the token `expected`, in constant time: both are hashed to fixed-length SHA-256 digests first,
 * so neither the content nor the length of `expected` leaks through the time the comparison takes.
 */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(given, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/**
 * A token from a file (its first line, trimmed) or else an environment variable; `undefined` when neither is set.
 * Tokens are never taken from the command line, where `ps` shows them. Throws a `TypeError` naming the source
 * (never the token) when it is unreadable or too short.
 */
export function readSecretToken({
  file,
  env,
  envName,
  flag,
  readFile = (path) => readFileSync(path, 'utf8'),
}: {
  file?: string;
  env: Readonly<Record<string, string | undefined>>;
  envName: string;
  flag: string;
  readFile?: (path: string) => string;
}): string | undefined {
  let token: string | undefined;
  let source: string;
  if (file !== undefined) {
    source = `${flag} ${file}`;
    try {
      token = (readFile(file).split(/\r?\n/, 1)[0] ?? '').trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new TypeError(`cannot read ${source}${code === undefined ? '' : ` (${code})`}`);
    }
  } else {
    source = envName;
    token = env[envName]?.trim();
    if (token === undefined || token === '') return undefined;
  }
  checkToken(token, source);
  return token;
}

/** Throws a `TypeError` naming `source` (never the token) when `token` is too short or holds whitespace. */
export function checkToken(token: string, source: string): void {
  if (token.length < minTokenLength || /\s/.test(token)) {
    throw new TypeError(`the token from ${source} must be at least ${minTokenLength} characters without spaces`);
  }
}
