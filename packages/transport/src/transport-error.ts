const transportErrorMarker = Symbol.for('@codex-analytics/transport.error');

/**
 * Why a request did not succeed:
 * - `TIMEOUT`: the per-request deadline passed (connect, headers or body); retryable.
 * - `NETWORK`: the connection failed (refused, reset, closed, DNS); retryable.
 * - `HTTP_STATUS`: the server answered with a non-2xx status (see `statusCode`).
 * - `ABORTED`: the caller's signal aborted; final. The error's `name` is then `'AbortError'`.
 * - `CLOSED`: the transport was closed before or while sending; final.
 * - `INVALID_REQUEST`: undici rejected the request itself (bad URL, bad header); final.
 * - `UNEXPECTED`: anything else; final.
 */
export type TransportErrorCode =
  | 'TIMEOUT'
  | 'NETWORK'
  | 'HTTP_STATUS'
  | 'ABORTED'
  | 'CLOSED'
  | 'INVALID_REQUEST'
  | 'UNEXPECTED';

export interface TransportErrorOptions {
  code: TransportErrorCode;
  message: string;
  statusCode?: number;
  /** The low-level error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, …) when there is one. */
  causeCode?: string;
  cause?: unknown;
}

/**
 * The error carried by `retryable` and `failure` results. Identify it with `TransportError.isInstance(error)`:
 * it checks a `Symbol.for` brand, so it holds even when two copies of this package are installed.
 * Messages never include the URL, headers or body, so they are safe to log.
 */
export class TransportError extends Error {
  readonly code: TransportErrorCode;
  readonly statusCode: number | undefined;
  readonly causeCode: string | undefined;

  constructor({ code, message, statusCode, causeCode, cause }: TransportErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = code === 'ABORTED' ? 'AbortError' : 'TransportError';
    this.code = code;
    this.statusCode = statusCode;
    this.causeCode = causeCode;
    Object.defineProperty(this, transportErrorMarker, { value: true });
  }

  static isInstance(value: unknown): value is TransportError {
    return typeof value === 'object' && value !== null && transportErrorMarker in value;
  }
}
