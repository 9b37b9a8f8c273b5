import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentAssertionMode } from './agent-assertion.js';
import type { AgentRegistry } from './agent-registry.js';
import { authorizeEventRequest } from './authorize-event-request.js';
import type { BodyBudget } from './body-budget.js';
import type { RejectionReason } from './collector-stats.js';
import type { RejectedRequest } from './rejection-log.js';
import { sendError, sendJson } from './http-response.js';
import { readRequestBody } from './read-request-body.js';
import type { EventDrift } from './event-drift.js';
import type { AuthScheme, WireEvent } from './stored-event.js';
import { validateTrackEvents } from './validate-track-events.js';
import { checkWriter } from './check-writer.js';
import type { WriterRules } from './collector-access.js';
import type { RateDecision, RateLimiter } from './rate-limiter.js';
import { redactEvents, redactJson, redactText } from './redact-credentials.js';

export interface TrackEventsContext {
  registry: AgentRegistry;
  assertionMode: AgentAssertionMode;
  /** Only seed-era events (today's refusal of unknown keys); otherwise today's wire format is accepted, with drift. */
  strict: boolean;
  maxBodyBytes: number;
  /** The request body bytes held at once across requests; a body that does not fit is answered 503. */
  bodyBudget?: BodyBudget;
  /** Arrival time of the request, milliseconds since the epoch. */
  receivedAt: number;
  /** Who may write; none configured: every authorized writer. */
  writers?: WriterRules;
  /** Per-source budgets; none: no limit. */
  rateLimiter?: RateLimiter;
  /** Whom the request's budgets are charged to (`account:<id>` or `address:<ip>`). */
  source?: string;
  /** Credentials the request carries or the collector holds: redacted from the events before they are stored. */
  secrets?: readonly string[];
  /** The same and the request's query values: redacted from the answer. */
  responseSecrets?: readonly string[];
  /** Counts and logs a refused request (`reason` is one of the events endpoint's). */
  reject(rejection: Pick<RejectedRequest, 'status' | 'message'> & { reason: RejectionReason } & Partial<Pick<RejectedRequest, 'errors' | 'errorCount'>>): void;
  accept(
    events: readonly WireEvent[],
    meta: {
      receivedAt: number;
      accountId: string;
      authScheme: AuthScheme;
      agentRuntimeId: string | null;
      drift: readonly EventDrift[];
      currentEraEvents: number;
      /** The request body as received (the ClickHouse store derives each event's key from its digest). */
      body: Buffer;
    },
  ): Promise<AcceptResult>;
}

/**
 * Whether the events were stored; when not (the out file or the store could not take them), nothing of the batch
 * counts as stored and the request is answered 503 with `reason` (default `out_unavailable`).
 */
export type AcceptResult = { ok: true } | { ok: false; message: string; retryAfterSeconds: number; reason?: 'out_unavailable' | 'store_unavailable' };

/**
 * `POST {prefix}/codex/analytics-events/events`: 401 without credentials, 413 over the size cap, 400 for a body
 * that is not JSON or fails `trackEventsRequestSchema` (listing the first errors, counting all), 200 once every event
 * is stored, 503 with `Retry-After` when the out file (removed, replaced or full) or the store could not take the batch.
 */
export async function handleTrackEvents(request: IncomingMessage, response: ServerResponse, context: TrackEventsContext): Promise<void> {
  // Budgets first, so that a flood of refused requests is limited too (per address when it names no account).
  const source = context.source ?? 'unknown';
  const length = Number(request.headers['content-length']);
  const knownLength = Number.isSafeInteger(length) && length >= 0 ? length : undefined;
  if (context.rateLimiter !== undefined) {
    const decision = context.rateLimiter.take(source, Math.min(knownLength ?? 0, context.maxBodyBytes));
    if (!decision.ok) return rateLimited(response, context, decision);
  }
  const authorization = authorizeEventRequest(request.headers, context.registry, context.assertionMode);
  if (!authorization.ok) {
    context.reject({ reason: 'unauthorized', status: 401, message: authorization.message });
    sendError(response, 401, 'unauthorized', authorization.message);
    return;
  }
  if (context.writers !== undefined) {
    // An agent runtime counts only when its assertion was verified ('accept' mode takes any runtime id on trust).
    const agentRuntimeId = context.assertionMode === 'verify' ? authorization.agentRuntimeId : null;
    const writer = checkWriter(request.headers, { accountId: authorization.accountId, agentRuntimeId }, context.writers);
    if (!writer.ok) {
      context.reject({ reason: writer.reason, status: writer.status, message: writer.message });
      sendError(response, writer.status, writer.reason, writer.message);
      return;
    }
  }

  const body = await readRequestBody(request, context.maxBodyBytes, context.bodyBudget);
  switch (body.kind) {
    case 'aborted':
      context.reject({ reason: 'aborted', status: null, message: 'the client went away before the body was complete' });
      return;
    case 'too_large': {
      const message = `the body is over ${context.maxBodyBytes} bytes`;
      context.reject({ reason: 'payload_too_large', status: 413, message });
      sendError(response, 413, 'payload_too_large', message, { connection: 'close' });
      return;
    }
    case 'busy': {
      const message = 'the collector holds as many request bodies as it may at once; retry shortly';
      context.reject({ reason: 'server_busy', status: 503, message });
      sendError(response, 503, 'server_busy', message, { 'retry-after': '1' });
      return;
    }
    case 'ok':
      break;
  }
  if (context.rateLimiter !== undefined && knownLength === undefined) {
    // A body sent without content-length is charged once read.
    const decision = context.rateLimiter.takeBytes(source, body.body.length);
    if (!decision.ok) {
      body.release();
      return rateLimited(response, context, decision);
    }
  }
  try {
    await validateAndStore(body.body, response, context, authorization);
  } finally {
    body.release();
  }
}

function rateLimited(response: ServerResponse, context: TrackEventsContext, decision: Extract<RateDecision, { ok: false }>): void {
  const message =
    decision.reason === 'rate_limited'
      ? `this source sends requests faster than the collector allows; retry after ${decision.retryAfterSeconds} s`
      : `this source sends more body bytes than the collector allows; retry after ${decision.retryAfterSeconds} s`;
  context.reject({ reason: decision.reason, status: 429, message });
  sendError(response, 429, decision.reason, message, { 'retry-after': String(decision.retryAfterSeconds) });
}

async function validateAndStore(
  body: Buffer,
  response: ServerResponse,
  context: TrackEventsContext,
  authorization: { accountId: string; scheme: AuthScheme; agentRuntimeId: string | null },
): Promise<void> {
  const validation = await validateTrackEvents(body, { strict: context.strict });
  switch (validation.kind) {
    case 'invalid_json': {
      const message = `the body is not JSON: ${validation.message}`;
      context.reject({ reason: 'invalid_json', status: 400, message });
      sendError(response, 400, 'invalid_json', message);
      return;
    }
    case 'invalid_events': {
      const { errors, errorCount, failingEvents } = validation;
      const listed = errors.length < errorCount ? `; the first ${errors.length} are listed` : '';
      const message = `the body does not match trackEventsRequestSchema: ${errorCount} error(s) in ${failingEvents} event(s)${listed}`;
      context.reject({ reason: 'invalid_events', status: 400, message, errors, errorCount });
      sendJson(response, 400, redactJson({ error: 'invalid_events', message, errors, errorCount, failingEvents }, context.responseSecrets ?? []));
      return;
    }
    case 'ok': {
      // A credential the events carry (a token pasted into a field) is never stored.
      const events = await redactEvents(validation.events, context.secrets ?? [], body);
      const accepted = await context.accept(events, {
        receivedAt: context.receivedAt,
        // Not a secret, but a client that put its bearer there must not see it stored.
        accountId: redactText(authorization.accountId, context.secrets ?? []),
        authScheme: authorization.scheme,
        agentRuntimeId: authorization.agentRuntimeId,
        drift: redactJson(validation.drift, context.secrets ?? []),
        currentEraEvents: validation.currentEraEvents,
        body,
      });
      if (!accepted.ok) {
        const reason = accepted.reason ?? 'out_unavailable';
        // A shared store may hold part of a refused batch (a shard that took its rows): the retry's rows collapse into them.
        const outcome =
          reason === 'store_unavailable'
            ? 'the request is not acknowledged; retry it (its events keep their ids, so nothing is stored twice)'
            : 'nothing of the batch was stored, retry later';
        const message = `the events could not be recorded: ${accepted.message}; ${outcome}`;
        context.reject({ reason, status: 503, message });
        sendError(response, 503, reason, message, { 'retry-after': String(accepted.retryAfterSeconds) });
        return;
      }
      sendJson(
        response,
        200,
        redactJson(
          validation.drift.length === 0 ? { accepted: events.length } : { accepted: events.length, drift: validation.drift.slice(0, 100) },
          context.responseSecrets ?? [],
        ),
      );
    }
  }
}
