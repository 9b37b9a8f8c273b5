import { createHash } from 'node:crypto';

/**
 * The durable identity of an event: the SHA-256 of the request body (first 32 hex digits) and the event's index in
 * it. A retried request (same bytes) gives the same keys, so its rows collapse into the first attempt's.
 */
export function requestDigest(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 32);
}

export function eventKey(digest: string, index: number): string {
  return `${digest}:${index}`;
}

/** A positive integer below 2^52 derived from a text (a key or a digest): the numeric `id` / `requestId` of a row. */
export function numericIdOf(text: string): number {
  const hex = createHash('sha256').update(text).digest('hex').slice(0, 13);
  return Number.parseInt(hex, 16) || 1;
}
