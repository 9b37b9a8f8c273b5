import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentRegistry } from './agent-registry.js';
import type { FaultController } from './collector-faults.js';
import type { CollectorStats, StatsCounter } from './collector-stats.js';
import { pageEvents } from './event-page.js';
import type { EventPage } from './event-page.js';
import type { EventQuery } from './event-query.js';
import { parseCount, parseEventFilter, parseEventQuery } from './event-query.js';
import type { EventStore } from './event-store.js';
import type { EventStreamHub } from './event-stream.js';
import { sendError, sendJson, sendMethodNotAllowed } from './http-response.js';
import { readJsonBody } from './read-json-body.js';
import type { RejectionLog } from './rejection-log.js';
import { redactText } from './redact-credentials.js';

export interface ReadApiContext {
  store: EventStore;
  stats: StatsCounter;
  faults: FaultController;
  registry: AgentRegistry;
  streams: EventStreamHub;
  rejections: RejectionLog;
  /** Forgets the held events and rejections (the NDJSON file keeps its lines). */
  clear(): void;
  /** The request's credentials and query values, redacted from error messages. */
  secrets?: readonly string[];
  /** A page of `GET /api/events` from a store other than the in-memory one (ClickHouse). Default: the memory store. */
  pageEvents?: (query: EventQuery) => Promise<EventPage>;
  /** `GET /api/stats` from a store other than the in-memory one. Default: `stats.snapshot()`. */
  statsSnapshot?: () => Promise<CollectorStats>;
}

const maxFaultsBodyBytes = 64 * 1024;

/**
 * The collector's own API under `/api`: `GET events` (filtered, paginated), `DELETE events` (clear), `GET stats`,
 * `GET rejections`, `GET stream` (server-sent events), `GET|POST|DELETE faults`, `GET agents`. Never faulted.
 */
export async function handleReadApi(request: IncomingMessage, response: ServerResponse, url: URL, context: ReadApiContext): Promise<void> {
  const method = request.method ?? 'GET';
  const invalidQuery = (message: string) => sendError(response, 400, 'invalid_query', redactText(message, context.secrets ?? []));
  switch (url.pathname) {
    case '/api/events': {
      if (method === 'DELETE') {
        const cleared = context.store.size;
        context.clear();
        return sendJson(response, 200, { cleared });
      }
      if (method !== 'GET') return sendMethodNotAllowed(response, ['GET', 'DELETE']);
      const query = parseEventQuery(url.searchParams);
      if (!query.ok) return invalidQuery(query.message);
      if (context.pageEvents === undefined) return sendJson(response, 200, pageEvents(context.store, query.value));
      const page = await fromStore(response, context, () => context.pageEvents!(query.value));
      return page === undefined ? undefined : sendJson(response, 200, page);
    }
    case '/api/stats':
      if (method !== 'GET') return sendMethodNotAllowed(response, ['GET']);
      if (context.statsSnapshot === undefined) return sendJson(response, 200, context.stats.snapshot());
      {
        const stats = await fromStore(response, context, context.statsSnapshot);
        return stats === undefined ? undefined : sendJson(response, 200, stats);
      }
    case '/api/rejections':
      if (method !== 'GET') return sendMethodNotAllowed(response, ['GET']);
      return sendJson(response, 200, { rejections: context.rejections.list() });
    case '/api/stream': {
      if (method !== 'GET') return sendMethodNotAllowed(response, ['GET']);
      const filter = parseEventFilter(url.searchParams);
      if (!filter.ok) return invalidQuery(filter.message);
      const lastEventId = request.headers['last-event-id'];
      // A reconnecting EventSource resends its URL with Last-Event-ID: the header wins over `after`.
      const afterText = typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : url.searchParams.get('after');
      const afterId = afterText === null ? undefined : parseCount(afterText, 0);
      if (afterText !== null && afterId === undefined) return sendError(response, 400, 'invalid_query', 'after must be an event id');
      return context.streams.open(request, response, { filter: filter.value, afterId });
    }
    case '/api/faults':
      return handleFaults(request, response, context.faults, context.secrets ?? []);
    case '/api/agents':
      if (method !== 'GET') return sendMethodNotAllowed(response, ['GET']);
      return sendJson(response, 200, { agents: context.registry.list() });
    default:
      return sendError(response, 404, 'not_found', `no ${url.pathname}`);
  }
}

/** A read from a shared store: a store that does not answer gets 503 `store_unavailable` (never its credentials). */
async function fromStore<T>(response: ServerResponse, context: ReadApiContext, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    const message = `the store does not answer (${redactText(error instanceof Error ? error.message : String(error), context.secrets ?? []).split('\n')[0]!.slice(0, 300)}); retry later`;
    sendError(response, 503, 'store_unavailable', message, { 'retry-after': '2' });
    return undefined;
  }
}

async function handleFaults(request: IncomingMessage, response: ServerResponse, faults: FaultController, secrets: readonly string[]): Promise<void> {
  switch (request.method) {
    case 'GET':
      return sendJson(response, 200, faults.current());
    case 'DELETE':
      faults.set({});
      return sendJson(response, 200, faults.current());
    case 'POST': {
      const body = await readJsonBody(request, response, maxFaultsBodyBytes);
      if (body === undefined) return;
      try {
        faults.set(body.value);
      } catch (error) {
        return sendError(response, 400, 'invalid_faults', redactText(error instanceof Error ? error.message : 'invalid faults', secrets));
      }
      return sendJson(response, 200, faults.current());
    }
    default:
      return sendMethodNotAllowed(response, ['GET', 'POST', 'DELETE']);
  }
}
