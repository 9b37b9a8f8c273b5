import { CURRENT_ONLY_EVENT_TYPES, currentTrackEventRequestSchema, EVENT_TYPES, trackEventRequestSchema } from '@codex-analytics/events';
import type { CurrentTrackEventRequest, TrackEventRequest } from '@codex-analytics/events';
import { z } from 'zod';

/** An event of a type no era knows, stored as it came (and reported as drift): a backend would accept it. */
export interface UnknownTypeEvent {
  event_type: string;
  event_params?: unknown;
  [key: string]: unknown;
}

/**
 * An accepted event: seed-era (what our reducer emits) or, unless the collector is strict, today's wire format, or an
 * event of a type no era knows (stored as it came).
 */
export type WireEvent = TrackEventRequest | CurrentTrackEventRequest | UnknownTypeEvent;

/** The event types of either era: the seed's 14 and the 8 only today's Codex sends. */
export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set<string>([...EVENT_TYPES, ...CURRENT_ONLY_EVENT_TYPES]);

/** An object whose `event_type` is a string no era knows. */
export const unknownTypeEventSchema = z.looseObject({ event_type: z.string() }).refine((event) => !KNOWN_EVENT_TYPES.has(event.event_type), {
  message: 'a known event type must match its schema',
});

/** How an accepted request was authorized. The credential itself is never stored. */
export type AuthScheme = 'bearer' | 'agent_assertion';

/** One accepted event, as kept in memory, written to the NDJSON file and served by `/api/events`. */
export interface StoredEvent {
  /** 1-based, increasing in arrival order; continues after the events reloaded from the file. */
  id: number;
  /** 1-based number of the accepted request that carried the event (events of one request share it). */
  requestId: number;
  /** Arrival time of the request, milliseconds since the epoch. */
  receivedAt: number;
  /** The `chatgpt-account-id` header of the request. */
  accountId: string;
  authScheme: AuthScheme;
  /** The agent that signed the `AgentAssertion`, `null` for bearer requests. */
  agentRuntimeId: string | null;
  /**
   * The event as validated: by `trackEventRequestSchema` (seed era), else by `currentTrackEventRequestSchema` (unknown
   * keys kept); an event of a type no era knows as it came (see `drift`).
   */
  event: WireEvent;
  /**
   * With the ClickHouse store only: the event's durable identity, the request body's digest and the event's index
   * (`<32 hex>:<index>`); a retried request's events have the same keys.
   */
  key?: string;
}

/** A line of the NDJSON file. Strict, so a file written by something else is noticed on reload. */
export const storedEventSchema = z.strictObject({
  id: z.number().int().positive(),
  requestId: z.number().int().positive(),
  receivedAt: z.number().int().nonnegative(),
  accountId: z.string(),
  authScheme: z.enum(['bearer', 'agent_assertion']),
  agentRuntimeId: z.string().nullable(),
  event: z.union([trackEventRequestSchema, currentTrackEventRequestSchema, unknownTypeEventSchema]),
});
