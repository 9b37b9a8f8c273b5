import type { AuthManager } from '@codex-analytics/auth';
import type { Transport, TransportResult } from '@codex-analytics/transport';
import type { AuthSkipReason, FailReason } from './delivery-report.js';
import { batchBody } from './event-batch.js';
import type { EventBatch } from './event-batch.js';
import { resolveAuthHeaders } from './resolve-auth-headers.js';

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
}

const MAX_LOGGED_BODY_CHARS = 200;

/**
 * One send of a batch: the seed's auth checks (a skip when any fails), then a POST of `{"events":[...]}`.
 * Retryable results (network, timeouts, 408, 429, 5xx except 501/505) become `retry`; a 413, or a 400 on several
 * events, becomes `split`; other final results `failed`; anything cut short by the shutdown deadline `aborted`.
 * Never rejects.
 */
export async function sendBatch(batch: EventBatch, context: SendBatchContext): Promise<BatchOutcome> {
  const auth = await resolveAuthHeaders(context.authManager);
  if (context.signal.aborted) return { kind: 'aborted' };
  if (!auth.ok) return { kind: 'skipped', reason: auth.reason };
  let result: TransportResult;
  try {
    result = await context.transport.send({
      url: context.url,
      headers: auth.headers,
      body: batchBody(batch),
      signal: context.signal,
    });
  } catch (error) {
    if (context.signal.aborted) return { kind: 'aborted' };
    return { kind: 'failed', reason: 'transport_error', message: `transport threw: ${errorName(error)}` };
  }
  if (result.status === 'success') return { kind: 'sent', statusCode: result.statusCode };
  if (context.signal.aborted) return { kind: 'aborted' };
  return classifyUnsuccessful(result, batch.events.length);
}

function classifyUnsuccessful(result: Exclude<TransportResult, { status: 'success' }>, events: number): BatchOutcome {
  const { statusCode } = result;
  if (result.status === 'retryable') {
    return { kind: 'retry', statusCode, retryAfterMs: result.retryAfterMs, error: result.error?.message };
  }
  if (events > 1 && (statusCode === 413 || statusCode === 400)) return { kind: 'split', statusCode };
  const body = result.body === undefined || result.body === '' ? '' : `: ${result.body.slice(0, MAX_LOGGED_BODY_CHARS)}`;
  if (statusCode === undefined) {
    return { kind: 'failed', reason: 'transport_error', message: result.error.message };
  }
  const reason: FailReason = statusCode === 413 ? 'too_large' : statusCode === 400 ? 'rejected' : 'http_error';
  return { kind: 'failed', reason, statusCode, message: `status ${statusCode}${body}` };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
