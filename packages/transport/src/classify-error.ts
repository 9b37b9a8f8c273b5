import type { TransportResult } from './transport.js';
import { TransportError } from './transport-error.js';

/** Connection-level failures that a later attempt may not meet. */
const retryableNetworkCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_SOCKET',
]);

/** The dispatcher was closed or destroyed (by us, or by whoever owns an injected one). */
const closedDispatcherCodes: ReadonlySet<string> = new Set(['UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);

const undiciTimeoutCodes: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const invalidRequestCodes: ReadonlySet<string> = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'ERR_INVALID_URL',
  'ERR_INVALID_ARG_TYPE',
]);

export interface ErrorContext {
  /** The transport's own deadline fired. */
  timedOut: boolean;
  /** The caller's signal aborted. */
  callerAborted: boolean;
  /** The transport (or the dispatcher it owns) is closed. */
  closed: boolean;
  timeoutMs: number;
}

/** Turns whatever a request threw into a result. Never throws. */
export function classifyError(error: unknown, context: ErrorContext): TransportResult {
  if (context.callerAborted) {
    return { status: 'failure', error: abortedError(error) };
  }
  if (context.timedOut) {
    return {
      status: 'retryable',
      error: new TransportError({ code: 'TIMEOUT', message: `request timed out after ${context.timeoutMs} ms` }),
    };
  }
  const causeCode = findErrorCode(error);
  if (context.closed || (causeCode !== undefined && closedDispatcherCodes.has(causeCode))) {
    return {
      status: 'failure',
      error: new TransportError({ code: 'CLOSED', message: 'transport is closed', causeCode, cause: error }),
    };
  }
  if (causeCode !== undefined && undiciTimeoutCodes.has(causeCode)) {
    return {
      status: 'retryable',
      error: new TransportError({ code: 'TIMEOUT', message: `request timed out (${causeCode})`, causeCode, cause: error }),
    };
  }
  if (causeCode !== undefined && retryableNetworkCodes.has(causeCode)) {
    return {
      status: 'retryable',
      error: new TransportError({ code: 'NETWORK', message: `network error (${causeCode})`, causeCode, cause: error }),
    };
  }
  if ((causeCode !== undefined && invalidRequestCodes.has(causeCode)) || error instanceof TypeError) {
    return {
      status: 'failure',
      error: new TransportError({ code: 'INVALID_REQUEST', message: 'invalid request', causeCode, cause: error }),
    };
  }
  return {
    status: 'failure',
    error: new TransportError({
      code: 'UNEXPECTED',
      message: causeCode === undefined ? 'request failed' : `request failed (${causeCode})`,
      causeCode,
      cause: error,
    }),
  };
}

export function abortedError(cause?: unknown): TransportError {
  return new TransportError({ code: 'ABORTED', message: 'request aborted by the caller', cause });
}

/** The first `code` string on the error, its `cause` chain, or the errors of an AggregateError. */
function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const innerCode = findErrorCode(inner, depth + 1);
      if (innerCode !== undefined) return innerCode;
    }
  }
  return findErrorCode((error as { cause?: unknown }).cause, depth + 1);
}
