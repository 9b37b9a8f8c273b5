import type { AuthManager } from '@codex-analytics/auth';
import type { Transport, TransportResult } from '@codex-analytics/transport';
import type { AuthSkipReason, FailReason } from './delivery-report.js';
import { batchBody } from './event-batch.js';
import type { EventBatch } from './event-batch.js';
import { redactResponseText } from '../redact-response-text.js';
import { resolveAuthHeaders } from '../resolve-auth-headers.js';

/** What became of one send of a batch, as data for the worker to apply. */
export type BatchOutcome =
  | { kind: 'sent'; statusCode: number }
  | { kind: 'skipped'; reason: AuthSkipReason }
  | { kind: 'retry'; statusCode?: number; retryAfterMs?: number; error?: string }
  | { kind: 'split'; statusCode: 400 | 413 }
  | { kind: 'failed'; reason: FailReason; statusCode?: number; message: string }
  | { kind: 'aborted' };

export interface SendBatchContext {
  authManager: AuthManager;
  transport: Transport;
  /** `baseUrl` without trailing `/` + `TRACK_EVENTS_PATH`. */
  url: string;
  /** Aborted at the shutdown deadline. */
  signal: AbortSignal;
  /** Sent as `x-codex-analytics-ingest-token` (a collector run for a team may require it); a credential like the rest. */
  ingestToken?: string;
}

/** The header a team's collector reads an ingest token from. */
export const INGEST_TOKEN_HEADER = 'x-codex-analytics-ingest-token';

/**
 * One send of a batch: the seed's auth checks (a skip when any fails), then a POST of `{"events":[...]}`.
 * Retryable results (network, timeouts, 408, 429, 5xx except 501/505) become `retry`; a 413, or a 400 on several
 * events, becomes `split`; other final results `failed`; anything cut short by the shutdown deadline `aborted`.
 * Text from outside (a body fragment, an error message) only ever leaves through `redactResponseText`, with every
 * header value this request carried redacted. Never rejects.
 */
export async function sendBatch(batch: EventBatch, context: SendBatchContext): Promise<BatchOutcome> {
  const auth = await resolveAuthHeaders(context.authManager);
  if (context.signal.aborted) return { kind: 'aborted' };
  if (!auth.ok) return { kind: 'skipped', reason: auth.reason };
  const headers = context.ingestToken === undefined ? auth.headers : { ...auth.headers, [INGEST_TOKEN_HEADER]: context.ingestToken };
  let result: TransportResult;
  try {
    result = await context.transport.send({
      url: context.url,
      headers,
      body: batchBody(batch),
      signal: context.signal,
    });
  } catch (error) {
    if (context.signal.aborted) return { kind: 'aborted' };
    return { kind: 'failed', reason: 'transport_error', message: `transport threw: ${errorName(error)}` };
  }
  if (result.status === 'success') return { kind: 'sent', statusCode: result.statusCode };
  if (context.signal.aborted) return { kind: 'aborted' };
  return classifyUnsuccessful(result, batch.events.length, Object.values(headers));
}

function classifyUnsuccessful(
  result: Exclude<TransportResult, { status: 'success' }>,
  events: number,
  carried: readonly string[],
): BatchOutcome {
  const { statusCode } = result;
  if (result.status === 'retryable') {
    const error = result.error === undefined ? undefined : redactResponseText(errorMessage(result.error), carried);
    return { kind: 'retry', statusCode, retryAfterMs: result.retryAfterMs, error };
  }
  if (events > 1 && (statusCode === 413 || statusCode === 400)) return { kind: 'split', statusCode };
  const fragment = typeof result.body === 'string' ? redactResponseText(result.body, carried) : '';
  const body = fragment === '' ? '' : `: ${fragment}`;
  if (statusCode === undefined) {
    return { kind: 'failed', reason: 'transport_error', message: redactResponseText(errorMessage(result.error), carried) };
  }
  const reason: FailReason = statusCode === 413 ? 'too_large' : statusCode === 400 ? 'rejected' : 'http_error';
  return { kind: 'failed', reason, statusCode, message: `status ${statusCode}${body}` };
}

function errorMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
