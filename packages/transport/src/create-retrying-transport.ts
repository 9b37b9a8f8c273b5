import { abortedError } from './classify-error.js';
import { fullJitterBackoffMs } from './full-jitter-backoff.js';
import { sleep as defaultSleep } from './sleep.js';
import type { Sleep } from './sleep.js';
import type { Transport, TransportRequest, TransportResult } from './transport.js';
import { TransportError } from './transport-error.js';

/** How a retrying transport spends its attempts. Every field is optional. */
export interface RetryPolicy {
  /** Attempts per `send`, the first one included. Default: 5. */
  maxAttempts?: number;
  /** Backoff ceiling before the second attempt; it doubles per retry. Default: 1000. */
  initialBackoffMs?: number;
  /** Cap on the backoff ceiling. Default: 10000. */
  maxBackoffMs?: number;
  /**
   * Longest `Retry-After` honoured. A longer one ends the `send` at once with that `retryable` result
   * (its `retryAfterMs` intact), so the caller can requeue. Default: 30000.
   */
  maxRetryAfterMs?: number;
  /**
   * Overall budget of one `send`, from its start. No wait ends past it (the last `retryable` result is
   * returned instead), and a retry's timeout is clamped to what is left when `attemptTimeoutMs` is known.
   * Default: 30000.
   */
  deadlineMs?: number;
  /** Per-attempt timeout of the wrapped transport when the request sets none; used to clamp to the deadline. Default: unknown (no clamp). */
  attemptTimeoutMs?: number;
  /** Waits between attempts; must reject when the signal aborts. Default: an unref'd, abortable timer. */
  sleep?: Sleep;
  /** Clock in milliseconds. Default: `Date.now()`. */
  now?: () => number;
  /** Jitter source in [0, 1). Default: `Math.random()`. */
  random?: () => number;
}

export interface RetryingTransportOptions extends RetryPolicy {
  /** The transport each attempt goes through. */
  transport: Transport;
}

const defaults = {
  maxAttempts: 5,
  initialBackoffMs: 1_000,
  maxBackoffMs: 10_000,
  maxRetryAfterMs: 30_000,
  deadlineMs: 30_000,
};

/**
 * Wraps a transport with retries: `retryable` results are tried again after a full-jitter exponential
 * backoff (at least `Retry-After` when the server sends one), within `maxAttempts` and `deadlineMs`.
 * `success` and `failure` return at once. The result carries `attempts`. A caller abort (before an attempt
 * or during a wait) gives a `failure` with an `AbortError`; `close()` ends pending waits with the last result.
 */
export function createRetryingTransport(options: RetryingTransportOptions): Transport {
  const { transport } = options;
  const maxAttempts = options.maxAttempts ?? defaults.maxAttempts;
  const initialBackoffMs = options.initialBackoffMs ?? defaults.initialBackoffMs;
  const maxBackoffMs = options.maxBackoffMs ?? defaults.maxBackoffMs;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? defaults.maxRetryAfterMs;
  const deadlineMs = options.deadlineMs ?? defaults.deadlineMs;
  const { attemptTimeoutMs } = options;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? (() => Date.now());
  const random = options.random ?? (() => Math.random());
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be an integer >= 1');
  for (const [name, value] of Object.entries({ initialBackoffMs, maxBackoffMs, maxRetryAfterMs, deadlineMs })) {
    if (!(value >= 0)) throw new RangeError(`${name} must be a non-negative number of milliseconds`);
  }

  const closeController = new AbortController();

  async function attemptAll(request: TransportRequest): Promise<TransportResult> {
    const deadlineAt = now() + deadlineMs;
    let attempts = 0;
    for (;;) {
      if (isAborted(request.signal)) {
        return { status: 'failure', error: abortedError(request.signal?.reason), attempts };
      }
      if (closeController.signal.aborted) {
        return { status: 'failure', error: closedError(), attempts };
      }
      const result = await transport.send(withDeadline(request, deadlineAt - now()));
      attempts += 1;
      if (result.status !== 'retryable' || attempts >= maxAttempts) return { ...result, attempts };
      if (result.retryAfterMs !== undefined && result.retryAfterMs > maxRetryAfterMs) return { ...result, attempts };
      const backoffMs = fullJitterBackoffMs({ retryIndex: attempts - 1, initialBackoffMs, maxBackoffMs, random });
      const delayMs = Math.max(result.retryAfterMs ?? 0, backoffMs);
      // Waiting until the deadline would leave no time for the attempt itself.
      if (now() + delayMs >= deadlineAt) return { ...result, attempts };
      const woke = await sleepUnlessAborted(delayMs, request.signal);
      if (isAborted(request.signal)) {
        return { status: 'failure', error: abortedError(request.signal?.reason), attempts };
      }
      if (!woke || closeController.signal.aborted || now() >= deadlineAt) return { ...result, attempts };
    }
  }

  function withDeadline(request: TransportRequest, remainingMs: number): TransportRequest {
    const timeoutMs = request.timeoutMs ?? attemptTimeoutMs;
    if (timeoutMs === undefined || timeoutMs <= remainingMs) return request;
    return { ...request, timeoutMs: Math.max(1, remainingMs) };
  }

  /** Resolves `true` after the wait, `false` when the caller's signal or `close()` cut it short. */
  async function sleepUnlessAborted(ms: number, callerSignal: AbortSignal | undefined): Promise<boolean> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    closeController.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await sleep(ms, controller.signal);
      return !controller.signal.aborted;
    } catch {
      return false;
    } finally {
      callerSignal?.removeEventListener('abort', onAbort);
      closeController.signal.removeEventListener('abort', onAbort);
    }
  }

  async function send(request: TransportRequest): Promise<TransportResult> {
    try {
      return await attemptAll(request);
    } catch (error) {
      // Only an injected sleep, now or random (or a misbehaving inner transport) can get here.
      return {
        status: 'failure',
        error: new TransportError({ code: 'UNEXPECTED', message: 'retrying transport failed', cause: error }),
      };
    }
  }

  function close(): Promise<void> {
    closeController.abort();
    return transport.close();
  }

  return { send, close };
}

// A function, not an inline check, so the compiler does not assume `aborted` stays false across awaits.
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function closedError(): TransportError {
  return new TransportError({ code: 'CLOSED', message: 'transport is closed' });
}
