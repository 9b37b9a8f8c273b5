import type { IncomingHttpHeaders } from 'node:http';
import { INGEST_TOKEN_HEADER } from './check-writer.js';
import { READ_TOKEN_HEADER } from './read-access.js';

/** What a credential found where it should not be is replaced with. */
export const REDACTED = '[redacted]';

/** Shorter strings are not treated as credentials (they would redact ordinary words). */
const minSecretLength = 8;

/**
 * The credentials a request carries or the collector holds, none of which may be stored, shown or logged: the
 * `authorization` credential (any scheme), the ingest and read token headers, every cookie value, the configured
 * tokens and, given `url` (for messages, never for stored events, whose values a filter may name), every query value. Longest first, so that a secret holding another is replaced whole.
 */
export function requestSecrets(
  headers: IncomingHttpHeaders,
  url: URL | undefined,
  configured: readonly (string | undefined)[],
): string[] {
  const found = new Set<string>();
  const add = (value: string | string[] | undefined) => {
    for (const text of Array.isArray(value) ? value : [value]) {
      const trimmed = text?.trim();
      if (trimmed !== undefined && trimmed.length >= minSecretLength) found.add(trimmed);
    }
  };
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    add(authorization);
    for (const word of authorization.split(/\s+/)) add(word);
  }
  add(headers[INGEST_TOKEN_HEADER]);
  add(headers[READ_TOKEN_HEADER]);
  for (const part of (headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    add(at < 0 ? part : part.slice(at + 1));
  }
  for (const value of url?.searchParams.values() ?? []) add(value);
  for (const token of configured) add(token);
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of a secret replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * `value` (parsed JSON) with every string holding a secret redacted, keys included; the same object when nothing
 * had to change, so the common case copies nothing.
 */
export function redactJson<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return redactValue(value, secrets) as T;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const next = redactValue(item, secrets);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const nextKey = redactText(key, secrets);
      const next = redactValue(item, secrets);
      if (next !== item || nextKey !== key) changed = true;
      return [nextKey, next] as const;
    });
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}

/** Events redacted between two yields to the event loop. */
const redactSliceEvents = 500;

/**
 * `events` with every secret redacted, in slices of 500 events with a yield between, so that a batch of 50,000
 * events does not hold the event loop. Skipped (the same array) when the raw `body` holds no secret literally and no
 * backslash (a JSON escape could spell one).
 */
export async function redactEvents<T>(events: readonly T[], secrets: readonly string[], body: Buffer): Promise<readonly T[]> {
  if (secrets.length === 0) return events;
  if (!body.includes(0x5c) && !secrets.some((secret) => body.includes(secret))) return events;
  const out: T[] = [];
  for (let from = 0; from < events.length; from += redactSliceEvents) {
    if (from > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const event of events.slice(from, from + redactSliceEvents)) out.push(redactJson(event, secrets));
  }
  return out;
}
