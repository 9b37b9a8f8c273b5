import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TrackEventRequest } from '@codex-analytics/events';
import type { AgentAssertionMode } from './agent-assertion.js';
import type { AgentRegistry } from './agent-registry.js';
import { authorizeEventRequest } from './authorize-event-request.js';
import type { RejectionReason } from './collector-stats.js';
import { sendError, sendJson } from './http-response.js';
import { readRequestBody } from './read-request-body.js';
import type { AuthScheme } from './stored-event.js';
import { validateTrackEvents } from './validate-track-events.js';

export interface TrackEventsContext {
  registry: AgentRegistry;
  assertionMode: AgentAssertionMode;
  maxBodyBytes: number;
  /** Arrival time of the request, milliseconds since the epoch. */
  receivedAt: number;
  reject(reason: RejectionReason): void;
  accept(
    events: readonly TrackEventRequest[],
    meta: { receivedAt: number; accountId: string; authScheme: AuthScheme; agentRuntimeId: string | null },
  ): void;
}

/**
 * `POST {prefix}/codex/analytics-events/events`: 401 without credentials, 413 over the size cap, 400 for a body
 * that is not JSON or fails `trackEventsRequestSchema` (listing each failing event), 200 once every event is stored.
 */
export async function handleTrackEvents(request: IncomingMessage, response: ServerResponse, context: TrackEventsContext): Promise<void> {
  const authorization = authorizeEventRequest(request.headers, context.registry, context.assertionMode);
  if (!authorization.ok) {
    context.reject('unauthorized');
    sendError(response, 401, 'unauthorized', authorization.message);
    return;
  }

  const body = await readRequestBody(request, context.maxBodyBytes);
  switch (body.kind) {
    case 'aborted':
      context.reject('aborted');
      return;
    case 'too_large':
      context.reject('payload_too_large');
      sendError(response, 413, 'payload_too_large', `the body is over ${context.maxBodyBytes} bytes`, { connection: 'close' });
      return;
    case 'ok':
      break;
  }

  const validation = validateTrackEvents(body.body);
  switch (validation.kind) {
    case 'invalid_json':
      context.reject('invalid_json');
      sendError(response, 400, 'invalid_json', `the body is not JSON: ${validation.message}`);
      return;
    case 'invalid_events': {
      context.reject('invalid_events');
      const failingEvents = new Set(validation.errors.flatMap((error) => (error.index === null ? [] : [error.index]))).size;
      sendJson(response, 400, {
        error: 'invalid_events',
        message: `the body does not match trackEventsRequestSchema: ${validation.errors.length} error(s) in ${failingEvents} event(s)`,
        errors: validation.errors,
      });
      return;
    }
    case 'ok':
      context.accept(validation.events, {
        receivedAt: context.receivedAt,
        accountId: authorization.accountId,
        authScheme: authorization.scheme,
        agentRuntimeId: authorization.agentRuntimeId,
      });
      sendJson(response, 200, { accepted: validation.events.length });
  }
}
