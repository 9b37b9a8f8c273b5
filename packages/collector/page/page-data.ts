// What the page receives from the collector (`/api/stream`, `/api/stats`, `/api/rejections`, the page config), as the
// browser sees it: JSON it reads but never trusts (event content only reaches the DOM through textContent and
// attributes).

/** One stored event as `/api/stream` sends it. */
export interface PageEvent {
  id: number;
  requestId: number;
  receivedAt: number;
  accountId: string;
  authScheme: string;
  agentRuntimeId: string | null;
  event: { event_type: string; event_params?: unknown; [key: string]: unknown };
}

/** An event's `event_params` as the page reads them: any keys, any values. */
export type EventParams = Record<string, unknown>;

/** One problem of a rejected request. */
export interface RejectionError {
  index: number | null;
  event_type?: string | null;
  path?: string | null;
  message: string;
}

/** A rejected request, as `/api/rejections` and the stream's `rejection` events send it. */
export interface PageRejection {
  id: number;
  status: number | null;
  reason: string;
  message: string;
  method: string;
  path: string;
  receivedAt: number;
  errors?: RejectionError[];
  errorCount: number;
}

/** The `drift` part of `/api/stats`. */
export interface PageDrift {
  currentEraEvents: number;
  driftedEvents: number;
  unstoredEvents?: number;
  byEventType: Record<string, { events: number; keys: Record<string, number> }>;
}

/** A field's description, from the page config. */
export interface FieldInfo {
  description: string;
  type?: string;
}

/** The page config the server inlines as JSON: the event types of both eras and every field's description. */
export interface PageConfig {
  eventTypes: string[];
  /** Per event type, per dotted path; `*` holds the fields every type shares. */
  fields: Record<string, Record<string, FieldInfo> | undefined> & { '*': Record<string, FieldInfo> };
}
