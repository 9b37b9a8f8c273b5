import { Agent, request as undiciRequest } from 'undici';
import type { Dispatcher } from 'undici';
import { abortedError, classifyError } from './classify-error.js';
import { classifyResponse } from './classify-response.js';
import { createRetryingTransport } from './create-retrying-transport.js';
import type { RetryPolicy } from './create-retrying-transport.js';
import { clampTimerMs } from './clamp-timer-ms.js';
import { readBodyText } from './read-body-text.js';
import type { Transport, TransportRequest, TransportResult } from './transport.js';
import { TransportError } from './transport-error.js';

export interface HttpTransportOptions {
  /** undici dispatcher to send through (e.g. a `MockAgent` in tests). Default: a keep-alive `Agent` owned by the transport. */
  dispatcher?: Dispatcher;
  /** One deadline over connect, response headers and body, per attempt. Default: 10000. */
  timeoutMs?: number;
  /** Largest response body kept, in bytes; the rest is discarded. Default: 65536. */
  maxResponseBodyBytes?: number;
  /** Sockets per origin for the `Agent` the transport creates (ignored with `dispatcher`). Default: 8. */
  connections?: number;
  /**
   * Retry policy, applied by wrapping the transport with `createRetryingTransport`.
   * `true` or omitted: the default policy; `false`: a single attempt per `send`. Default: `true`.
   */
  retry?: boolean | RetryPolicy;
  /** Clock in epoch milliseconds, for `Retry-After` dates and (unless `retry.now` is set) the retry deadline. Default: `Date.now()`. */
  now?: () => number;
}

const defaultTimeoutMs = 10_000;
const defaultMaxResponseBodyBytes = 64 * 1024;
const defaultConnections = 8;

/**
 * An HTTP transport on undici: sends a URL, headers and serialized body, and reports the outcome as a
 * `TransportResult`; `send` never throws or rejects.
 * - 2xx → `success`; 408, 429 and 5xx except 501/505 → `retryable` (with `retryAfterMs` from `Retry-After`);
 *   every other status (3xx included: redirects are not followed) → `failure` with its `statusCode`.
 * - Connection errors (refused, reset, closed socket, DNS) and timeouts → `retryable`; a caller abort → `failure`
 *   with an `AbortError`; a send after `close()` → `failure` (`CLOSED`).
 * - The response body is read as text up to `maxResponseBodyBytes`; the rest is dropped with the socket.
 * - Retries with the default `RetryPolicy` unless `retry: false`.
 * `close()` closes only a dispatcher the transport created, never an injected one.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  assertPositive('timeoutMs', timeoutMs);
  const maxResponseBodyBytes = options.maxResponseBodyBytes ?? defaultMaxResponseBodyBytes;
  if (!Number.isInteger(maxResponseBodyBytes) || maxResponseBodyBytes < 0) {
    throw new RangeError('maxResponseBodyBytes must be a non-negative integer');
  }
  const now = options.now ?? (() => Date.now());
  const single = createSingleAttemptTransport({
    dispatcher: options.dispatcher,
    timeoutMs,
    maxResponseBodyBytes,
    connections: options.connections ?? defaultConnections,
    now,
  });
  const retry = options.retry ?? true;
  if (retry === false) return single;
  const policy = retry === true ? {} : retry;
  return createRetryingTransport({ now, attemptTimeoutMs: timeoutMs, ...policy, transport: single });
}

interface SingleAttemptOptions {
  dispatcher: Dispatcher | undefined;
  timeoutMs: number;
  maxResponseBodyBytes: number;
  connections: number;
  now: () => number;
}

function createSingleAttemptTransport(options: SingleAttemptOptions): Transport {
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher: Dispatcher = options.dispatcher ?? new Agent({ connections: options.connections });
  let closing: Promise<void> | undefined;

  async function send(request: TransportRequest): Promise<TransportResult> {
    if (request.signal?.aborted === true) {
      return { status: 'failure', error: abortedError(request.signal.reason) };
    }
    if (closing !== undefined) {
      return { status: 'failure', error: new TransportError({ code: 'CLOSED', message: 'transport is closed' }) };
    }
    const timeoutMs = clampTimerMs(request.timeoutMs ?? options.timeoutMs);
    const controller = new AbortController();
    let timedOut = false;
    let callerAborted = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new TransportError({ code: 'TIMEOUT', message: `request timed out after ${timeoutMs} ms` }));
    }, timeoutMs);
    timer.unref();
    const onCallerAbort = (): void => {
      if (timedOut) return;
      callerAborted = true;
      controller.abort(request.signal?.reason);
    };
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const response = await undiciRequest(request.url, {
        dispatcher,
        method: request.method ?? 'POST',
        headers: request.headers,
        body: request.body ?? null,
        signal: controller.signal,
      });
      const body = await readBodyText(response.body, options.maxResponseBodyBytes);
      return classifyResponse(
        { statusCode: response.statusCode, headers: flattenHeaders(response.headers), body },
        options.now(),
      );
    } catch (error) {
      return classifyError(error, { timedOut, callerAborted, closed: closing !== undefined, timeoutMs });
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  function close(): Promise<void> {
    closing ??= ownsDispatcher ? dispatcher.close() : Promise.resolve();
    return closing;
  }

  return { send, close };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function assertPositive(name: string, value: number): void {
  if (!(value > 0)) throw new RangeError(`${name} must be a positive number of milliseconds`);
}
