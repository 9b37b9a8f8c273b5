/** Bounds on the client's memory, batches and concurrency. */
export interface ClientLimits {
  /**
   * Most facts and events held at once: facts waiting in the queue plus reduced events being batched, in
   * flight or awaiting a retry. Default: 200000.
   */
  maxPendingFacts: number;
  /**
   * Most bytes held at once over the same set: the estimated heap a queued fact holds, the exact UTF-8 size of a
   * serialized event. Default: 64 MiB.
   */
  maxPendingBytes: number;
  /** Most events per request. Default: 1000. */
  maxBatchEvents: number;
  /** Largest request body in bytes (a single larger event is still sent alone). Default: 512 KiB. */
  maxBatchBytes: number;
  /**
   * How long a partly filled batch waits for more events, from its first event, before it is sent (when nothing
   * is left to reduce), so a steady trickle goes out in requests of tens to hundreds of events. An idle client
   * sends its first event after this long; `flush()` and `shutdown()` never wait for it. 0 sends at once.
   * At most 1000. Default: 50 (chosen by measurement: at 2,000 facts/s a request then carries ~100 events, and the
   * CPU per event fell from 1.76× to 1.44× the bench's baseline against 20 ms; see `bench/RESULTS.md`).
   */
  lingerMs: number;
  /** Requests in flight at once. Default: 4. */
  maxInFlightRequests: number;
  /** Backoff ceiling after a batch's first failed attempt; doubles per attempt. Default: 250. */
  initialBackoffMs: number;
  /** Cap on the backoff ceiling. Default: 10000. */
  maxBackoffMs: number;
  /** Longest `Retry-After` honoured; a longer one waits this long. Default: 60000. */
  maxRetryAfterMs: number;
}

/** The longest linger allowed: a batch never waits longer than this for company. */
export const MAX_LINGER_MS = 1_000;

/**
 * The defaults, and why:
 * - `maxPendingFacts` 200000: in Node the worker cannot run while the caller's synchronous code does, so the
 *   queue must absorb a whole synchronous burst; 200000 holds a 100000-call burst twice over (the seed's 256
 *   assumed a worker on another thread).
 * - `maxPendingBytes` 64 MiB, counted as the heap a queued fact holds (estimated, ~450 B for a typical app-used
 *   fact) and the UTF-8 size of a reduced event: a 100000-call burst of typical facts fits (45 MB). It caps what a
 *   slow or dead backend can make the client hold.
 * - `lingerMs` 50: at 2000 facts/s a request then carries ~100 events; per request cost is mostly fixed, so this
 *   cut the client's CPU at that rate from 1.76x to 1.44x the bench's baseline against 20 ms, at the baseline's
 *   latency (`bench/RESULTS.md`).
 * - `maxBatchEvents` 1000 and `maxBatchBytes` 512 KiB: ~500-byte events fill both at about the same point; large
 *   batches cut per-request overhead when busy, and 512 KiB stays under common body limits (a 413 splits anyway).
 * - `maxInFlightRequests` 4: enough to hide latency (4 × 1000 events per round trip), small enough that an
 *   outage cannot multiply buffers or connections (the transport pool has 8 sockets).
 * - Backoff 250 ms doubling to 10 s, full jitter; `Retry-After` honoured up to 60 s.
 */
export const DEFAULT_CLIENT_LIMITS: Readonly<ClientLimits> = Object.freeze({
  maxPendingFacts: 200_000,
  maxPendingBytes: 64 * 1024 * 1024,
  lingerMs: 50,
  maxBatchEvents: 1_000,
  maxBatchBytes: 512 * 1024,
  maxInFlightRequests: 4,
  initialBackoffMs: 250,
  maxBackoffMs: 10_000,
  maxRetryAfterMs: 60_000,
});

/** The limits with defaults filled in; throws a `RangeError` for a value that is not a positive number. */
export function resolveClientLimits(options: Partial<ClientLimits>): ClientLimits {
  const limits: ClientLimits = {
    maxPendingFacts: options.maxPendingFacts ?? DEFAULT_CLIENT_LIMITS.maxPendingFacts,
    maxPendingBytes: options.maxPendingBytes ?? DEFAULT_CLIENT_LIMITS.maxPendingBytes,
    maxBatchEvents: options.maxBatchEvents ?? DEFAULT_CLIENT_LIMITS.maxBatchEvents,
    maxBatchBytes: options.maxBatchBytes ?? DEFAULT_CLIENT_LIMITS.maxBatchBytes,
    lingerMs: options.lingerMs ?? DEFAULT_CLIENT_LIMITS.lingerMs,
    maxInFlightRequests: options.maxInFlightRequests ?? DEFAULT_CLIENT_LIMITS.maxInFlightRequests,
    initialBackoffMs: options.initialBackoffMs ?? DEFAULT_CLIENT_LIMITS.initialBackoffMs,
    maxBackoffMs: options.maxBackoffMs ?? DEFAULT_CLIENT_LIMITS.maxBackoffMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_CLIENT_LIMITS.maxRetryAfterMs,
  };
  for (const name of ['maxPendingFacts', 'maxBatchEvents', 'maxInFlightRequests'] as const) {
    if (!Number.isInteger(limits[name]) || limits[name] < 1) throw new RangeError(`${name} must be an integer >= 1`);
  }
  for (const name of ['maxPendingBytes', 'maxBatchBytes'] as const) {
    if (!(limits[name] > 0)) throw new RangeError(`${name} must be a positive number of bytes`);
  }
  if (!(limits.lingerMs >= 0 && limits.lingerMs <= MAX_LINGER_MS)) {
    throw new RangeError(`lingerMs must be a number of milliseconds from 0 to ${MAX_LINGER_MS}`);
  }
  for (const name of ['initialBackoffMs', 'maxBackoffMs', 'maxRetryAfterMs'] as const) {
    if (!(limits[name] >= 0)) throw new RangeError(`${name} must be a non-negative number of milliseconds`);
  }
  return limits;
}
