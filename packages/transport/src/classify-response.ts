import { isRetryableStatus } from './is-retryable-status.js';
import { parseRetryAfter } from './parse-retry-after.js';
import type { TransportResult } from './transport.js';
import { TransportError } from './transport-error.js';

export interface ResponseSummary {
  statusCode: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

/** 2xx → `success`; 408, 429, 5xx but 501/505 → `retryable` (with `Retry-After`); anything else → `failure`. */
export function classifyResponse(response: ResponseSummary, nowMs: number): TransportResult {
  const { statusCode, headers, body } = response;
  if (statusCode >= 200 && statusCode <= 299) {
    return { status: 'success', statusCode, headers, body };
  }
  const error = new TransportError({
    code: 'HTTP_STATUS',
    message: `server responded with status ${statusCode}`,
    statusCode,
  });
  if (!isRetryableStatus(statusCode)) {
    return { status: 'failure', statusCode, error, body };
  }
  const retryAfterMs = parseRetryAfter(headers['retry-after'], nowMs);
  return retryAfterMs === undefined
    ? { status: 'retryable', statusCode, error, body }
    : { status: 'retryable', statusCode, retryAfterMs, error, body };
}
