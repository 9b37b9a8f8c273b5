import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAuthenticateApp, handleRegisterAgent, handleRegisterTask } from './agent-identity-routes.js';
import type { AgentRouteContext } from './agent-identity-routes.js';
import { allowedMethod, matchBackendRoute } from './backend-route.js';
import type { BackendRoute } from './backend-route.js';
import type { FaultController, FaultDecision } from './collector-faults.js';
import type { CollectorLogger } from './collector-logger.js';
import { handleTrackEvents } from './handle-track-events.js';
import type { TrackEventsContext } from './handle-track-events.js';
import { sendError, sendJson, sendMethodNotAllowed } from './http-response.js';
import { sendLivePage } from './live-page.js';
import { handleReadApi } from './read-api-routes.js';
import type { ReadApiContext } from './read-api-routes.js';
import type { RejectedRequest } from './rejection-log.js';
import type { RequestGuard } from './request-guard.js';
import type { ReadAccess } from './read-access.js';
import { sendReadTokenPage } from './read-token-page.js';
import { redactJson, redactText, requestSecrets } from './redact-credentials.js';
import { requestSource } from './request-source.js';

export interface RequestHandlerContext extends ReadApiContext, Omit<AgentRouteContext, 'now'> {
  faults: FaultController;
  logger: CollectorLogger;
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Aborted when the collector closes. */
  closing: AbortSignal;
  trackEvents: Omit<TrackEventsContext, 'receivedAt' | 'registry' | 'maxBodyBytes' | 'reject' | 'source' | 'secrets' | 'responseSecrets'>;
  /** Who may read (the page, `/api/*`, the stream). */
  readAccess: ReadAccess;
  /** The tokens the collector holds (read, ingest): redacted wherever they might show. */
  configuredTokens: readonly (string | undefined)[];
  /** Whether `X-Forwarded-For` (and `X-Forwarded-Proto`) come from a trusted reverse proxy. */
  trustProxy: boolean;
  /** Created once the server listens (it needs the bound port); until then every request is refused. */
  guard: () => RequestGuard | undefined;
  /** Logs a refused request and tells the open streams; counts it when it was for the events endpoint. */
  refuse(rejection: Omit<RejectedRequest, 'id'>, countsAsEvents: boolean): void;
}

/** Routes a request: the backend endpoints (under an optional `/backend-api`), the read API under `/api`, the page at `/`. */
export function createRequestHandler(context: RequestHandlerContext): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    route(request, response, context).catch((error: unknown) => {
      const secrets = requestSecrets(request.headers, undefined, context.configuredTokens);
      const message = redactText(error instanceof Error ? error.message : String(error), secrets);
      context.logger.warn(`collector: ${request.method ?? 'GET'} request failed: ${message}`);
      if (response.headersSent) response.destroy();
      else sendError(response, 500, 'internal_error', 'the collector failed to handle the request');
    });
  };
}

async function route(request: IncomingMessage, response: ServerResponse, context: RequestHandlerContext): Promise<void> {
  const receivedAt = context.now();
  const url = new URL(request.url ?? '/', 'http://collector.invalid');
  const method = request.method ?? 'GET';
  const backend = matchBackendRoute(url.pathname);
  // Whatever a refusal records or answers is cleared of the request's credentials (and of its query values).
  const secrets = requestSecrets(request.headers, url, context.configuredTokens);
  const refuse = (rejection: Pick<RejectedRequest, 'reason' | 'status' | 'message'> & Partial<Pick<RejectedRequest, 'errors' | 'errorCount'>>) => {
    const accountId = request.headers['chatgpt-account-id'];
    context.refuse(
      redactJson(
        {
          receivedAt,
          method,
          path: url.pathname,
          accountId: typeof accountId === 'string' ? accountId : null,
          errors: [],
          errorCount: 0,
          ...rejection,
        },
        secrets,
      ),
      backend?.kind === 'track_events',
    );
  };

  const guard = context.guard();
  const refusal = guard === undefined ? ({ kind: 'forbidden_host', message: 'the collector is starting' } as const) : guard.check(method, request.headers);
  if (refusal !== undefined) {
    if (backend?.kind === 'track_events') context.stats.countRequest();
    const status = refusal.kind === 'unsupported_media_type' ? 415 : 403;
    const message = redactText(refusal.message, secrets);
    refuse({ reason: refusal.kind, status, message });
    return sendError(response, status, refusal.kind, message);
  }

  if (backend !== undefined) {
    if (method !== allowedMethod(backend)) return sendMethodNotAllowed(response, [allowedMethod(backend)]);
    const endpoint = backend.kind === 'track_events' ? 'events' : 'agent';
    if (endpoint === 'events') context.stats.countRequest();
    if (context.faults.hits(endpoint)) {
      const latencyMs = context.faults.latencyMs();
      if (latencyMs > 0) await context.sleep(latencyMs, context.closing);
      if (context.closing.aborted) return void response.destroy();
      if (applyFault(context.faults.take(), request, response, refuse)) return;
    }
    return handleBackend(backend, request, response, { context, receivedAt, path: url.pathname, reject: refuse, secrets });
  }
  const page = url.pathname === '/' || url.pathname === '/index.html';
  if (url.pathname === '/api/session') return handleSession(request, response, context, refuse);
  if ((page || url.pathname.startsWith('/api/')) && !context.readAccess.allows(request.headers)) {
    const message = 'this collector asks readers for its read token (header x-codex-analytics-read-token, or the cookie POST /api/session sets)';
    refuse({ reason: 'unauthorized_reader', status: 401, message });
    if (page && method === 'GET') return sendReadTokenPage(response);
    return sendError(response, 401, 'unauthorized_reader', message);
  }
  if (url.pathname.startsWith('/api/')) return handleReadApi(request, response, url, { ...context, secrets });
  if (page) {
    if (method !== 'GET' && method !== 'HEAD') return sendMethodNotAllowed(response, ['GET']);
    return sendLivePage(response);
  }
  if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
  sendError(response, 404, 'not_found', `no ${url.pathname}`);
}

/**
 * `POST /api/session` with the read token in `x-codex-analytics-read-token`: 204 and the stream ticket cookie (the
 * page's EventSource cannot send headers); 401 without it. `DELETE` removes the cookie. Open when no token is asked.
 */
function handleSession(
  request: IncomingMessage,
  response: ServerResponse,
  context: RequestHandlerContext,
  refuse: (rejection: Pick<RejectedRequest, 'reason' | 'status' | 'message'>) => void,
): void {
  const access = context.readAccess;
  if (request.method === 'DELETE') return void response.writeHead(204, { 'set-cookie': access.clearCookie(), 'cache-control': 'no-store' }).end();
  if (request.method !== 'POST') return sendMethodNotAllowed(response, ['POST', 'DELETE']);
  request.resume();
  if (!access.required) return void response.writeHead(204, { 'cache-control': 'no-store' }).end();
  if (!access.tokenSent(request.headers)) {
    const message = 'send the read token in x-codex-analytics-read-token';
    refuse({ reason: 'unauthorized_reader', status: 401, message });
    return sendError(response, 401, 'unauthorized_reader', message);
  }
  const secure = context.trustProxy && request.headers['x-forwarded-proto'] === 'https';
  response.writeHead(204, { 'set-cookie': access.ticketCookie(secure), 'cache-control': 'no-store' }).end();
}

function handleBackend(
  backend: BackendRoute,
  request: IncomingMessage,
  response: ServerResponse,
  {
    context,
    receivedAt,
    path,
    reject,
    secrets,
  }: { context: RequestHandlerContext; receivedAt: number; path: string; reject: TrackEventsContext['reject']; secrets: readonly string[] },
): Promise<void> | void {
  const agentContext = { registry: context.registry, now: context.now, maxBodyBytes: context.maxBodyBytes, bodyBudget: context.trackEvents.bodyBudget, path };
  switch (backend.kind) {
    case 'track_events':
      return handleTrackEvents(request, response, {
        ...context.trackEvents,
        reject,
        registry: context.registry,
        maxBodyBytes: context.maxBodyBytes,
        receivedAt,
        source: requestSource(request, context.trustProxy),
        // The query is left out: a stored event keeps its values even when a query names one.
        secrets: requestSecrets(request.headers, undefined, context.configuredTokens),
        responseSecrets: secrets,
      });
    case 'authenticate_app':
      return handleAuthenticateApp(request, response, agentContext);
    case 'register_agent':
      return handleRegisterAgent(request, response, agentContext);
    case 'register_task':
      return handleRegisterTask(request, response, { ...agentContext, agentRuntimeId: backend.agentRuntimeId });
  }
}

/** Answers (or drops) the request as the fault says; `false` when there is no fault and the request goes on. */
function applyFault(
  decision: FaultDecision,
  request: IncomingMessage,
  response: ServerResponse,
  reject: TrackEventsContext['reject'],
): boolean {
  switch (decision.kind) {
    case 'none':
      return false;
    case 'drop':
      reject({ reason: 'fault_dropped', status: null, message: 'injected fault: connection dropped' });
      request.socket.destroy();
      return true;
    case 'rate_limit':
      reject({ reason: 'fault_rate_limited', status: 429, message: 'injected fault: rate limited' });
      sendError(response, 429, 'rate_limited', 'injected fault: rate limited', { 'retry-after': String(decision.retryAfterSeconds) });
      return true;
    case 'fail':
      reject({ reason: 'fault_status', status: decision.status, message: `injected fault: status ${decision.status}` });
      if (decision.body === undefined) {
        sendJson(response, decision.status, { error: 'injected_fault', message: `injected fault: status ${decision.status}` });
      } else {
        response.writeHead(decision.status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(decision.body) });
        response.end(decision.body);
      }
      return true;
  }
}
