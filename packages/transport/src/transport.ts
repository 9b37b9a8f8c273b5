/** One HTTP request, already serialized. The transport never looks inside the headers or the body. */
export interface TransportRequest {
  /** Absolute URL. */
  url: string;
  /** Default: `'POST'`. */
  method?: 'POST' | 'GET';
  /** Sent as given. */
  headers: Record<string, string>;
  /** Already serialized bytes or text. */
  body?: string | Uint8Array;
  /** Per-request override of the transport's `timeoutMs` (one deadline over connect, headers and body). */
  timeoutMs?: number;
  /** Caller cancellation (e.g. a shutdown deadline). An aborted signal yields a `failure` with an `AbortError`. */
  signal?: AbortSignal;
}

/**
 * The outcome of `send`, as data: `success` for 2xx, `retryable` for errors worth another try later,
 * `failure` for everything that will not get better by retrying.
 * `body` is the response text, read up to the transport's size cap. `attempts` is set by the retrying transport.
 */
export type TransportResult =
  | { status: 'success'; statusCode: number; headers: Record<string, string>; body: string; attempts?: number }
  | {
      status: 'retryable';
      statusCode?: number;
      retryAfterMs?: number;
      error?: Error;
      body?: string;
      attempts?: number;
    }
  | { status: 'failure'; statusCode?: number; error: Error; body?: string; attempts?: number };

/** Moves bytes. `send` never throws and never rejects; `close` releases what the transport owns. */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResult>;
  close(): Promise<void>;
}
