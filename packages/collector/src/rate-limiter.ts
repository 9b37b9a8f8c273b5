import type { RateLimitOptions } from './collector-access.js';

export type RateDecision = { ok: true } | { ok: false; reason: 'rate_limited' | 'byte_rate_limited'; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one request (and `bytes` body bytes, when known) from `source`'s budgets, or says how long to wait. */
  take(source: string, bytes: number): RateDecision;
  /** Takes body bytes learnt only once read (a body without `content-length`); `false` when the budget is spent. */
  takeBytes(source: string, bytes: number): RateDecision;
}

interface Buckets {
  requests: number;
  bytes: number;
  at: number;
}

/** Most sources remembered; the longest idle is forgotten first (a forgotten source starts with full buckets). */
const maxSources = 10_000;

/**
 * Two token buckets per source (a request count and body bytes), refilled continuously from `now`. Nothing is
 * taken from a bucket when the request is refused.
 */
export function createRateLimiter(limits: RateLimitOptions, now: () => number): RateLimiter {
  const sources = new Map<string, Buckets>();

  const refill = (source: string): Buckets => {
    const at = now();
    let buckets = sources.get(source);
    if (buckets === undefined) {
      buckets = { requests: limits.requestBurst, bytes: limits.byteBurst, at };
      if (sources.size >= maxSources) sources.delete(sources.keys().next().value!);
    } else {
      const seconds = Math.max(0, at - buckets.at) / 1000;
      buckets.requests = Math.min(limits.requestBurst, buckets.requests + seconds * limits.requestsPerSecond);
      buckets.bytes = Math.min(limits.byteBurst, buckets.bytes + seconds * limits.bytesPerSecond);
      buckets.at = at;
      sources.delete(source);
    }
    // Re-inserted: the map's order is the order of last use.
    sources.set(source, buckets);
    return buckets;
  };
  const wait = (missing: number, perSecond: number) => Math.max(1, Math.ceil(missing / perSecond));
  const takeBytes = (buckets: Buckets, bytes: number): RateDecision => {
    if (bytes <= buckets.bytes) {
      buckets.bytes -= bytes;
      return { ok: true };
    }
    return { ok: false, reason: 'byte_rate_limited', retryAfterSeconds: wait(Math.min(bytes, limits.byteBurst) - buckets.bytes, limits.bytesPerSecond) };
  };

  return {
    take: (source, bytes) => {
      const buckets = refill(source);
      if (buckets.requests < 1) {
        return { ok: false, reason: 'rate_limited', retryAfterSeconds: wait(1 - buckets.requests, limits.requestsPerSecond) };
      }
      const byBytes = takeBytes(buckets, bytes);
      if (byBytes.ok) buckets.requests -= 1;
      return byBytes;
    },
    takeBytes: (source, bytes) => takeBytes(refill(source), bytes),
  };
}
