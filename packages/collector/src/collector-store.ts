import type { CollectorDrift, EventDrift } from './event-drift.js';
import type { EventPage } from './event-page.js';
import type { EventQuery } from './event-query.js';
import type { AuthScheme, StoredEvent, WireEvent } from './stored-event.js';

/** What the events endpoint hands the store: a validated (and redacted) batch and where it came from. */
export interface AppendBatch {
  events: readonly WireEvent[];
  /** The request body as received: its digest and the event's index make each event's durable key. */
  body: Uint8Array;
  receivedAt: number;
  accountId: string;
  authScheme: AuthScheme;
  agentRuntimeId: string | null;
  drift: readonly EventDrift[];
  currentEraEvents: number;
}

/** Whether the batch is stored; when not, nothing of it counts as stored and the request is answered 503. */
export type AppendResult =
  | { ok: true; stored: readonly StoredEvent[] }
  | { ok: false; reason: 'out_unavailable' | 'store_unavailable'; message: string; retryAfterSeconds: number };

/** A read position for "events stored after this one", opaque to callers. */
export interface StoreCursor {
  /** Store time (ms since the epoch) of the last event read. */
  at: number;
  /** Key of the last event read at that time. */
  key: string;
}

/**
 * Where accepted events live. The embedded store (memory and the optional NDJSON file) serves one process; the
 * ClickHouse store is shared by any number of collectors.
 */
export interface CollectorStore {
  readonly kind: 'embedded' | 'clickhouse';
  /** Stores the batch durably; resolves only once it is stored (or refused, with nothing of it stored). */
  append(batch: AppendBatch): Promise<AppendResult>;
  /** One page of `GET /api/events`. */
  page(query: EventQuery): Promise<EventPage>;
  /** Stored events per `event_type`. */
  countsByType(): Promise<Record<string, number>>;
  /** Drift of the stored events. */
  drift(): Promise<CollectorDrift>;
  /**
   * Events stored after `cursor` in store order (from `since` when no cursor), at most `limit`, and the cursor after
   * them: for the processes that share the store. Stores written by several processes may give late arrivals with a
   * time before the cursor; the reader re-reads a window behind it and drops keys it has seen.
   */
  eventsAfter(cursor: StoreCursor, limit: number): Promise<{ events: StoredEvent[]; keys: string[]; cursor: StoreCursor }>;
  close(): Promise<void>;
}
