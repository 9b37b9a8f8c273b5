import { CURRENT_ONLY_EVENT_TYPES, EVENT_TYPES } from '@codex-analytics/events';
import type { CurrentOnlyEventType, EventType } from '@codex-analytics/events';
import { createDriftCounter } from './event-drift.js';
import type { CollectorDrift, EventDrift } from './event-drift.js';
import type { RefusalReason } from './rejection-log.js';
import type { StoredEvent } from './stored-event.js';

/** Why a request to the events endpoint was not accepted. */
export type RejectionReason = RefusalReason;

export const REJECTION_REASONS: readonly RejectionReason[] = [
  'unauthorized',
  'payload_too_large',
  'invalid_json',
  'invalid_events',
  'aborted',
  'fault_status',
  'fault_rate_limited',
  'fault_dropped',
  'out_unavailable',
  'store_unavailable',
  'server_busy',
  'forbidden_host',
  'forbidden_origin',
  'unsupported_media_type',
  'invalid_ingest_token',
  'forbidden_writer',
  'rate_limited',
  'byte_rate_limited',
  'unauthorized_reader',
];

/** Counts of the events endpoint, as returned by `stats()` and `GET /api/stats`. */
export interface CollectorStats {
  /** Requests that reached the events endpoint since start (accepted or not). */
  requests: number;
  /** Requests answered 200. */
  acceptedRequests: number;
  /** Events accepted since start. */
  acceptedEvents: number;
  /** Events held, including those reloaded from the NDJSON file. */
  storedEvents: number;
  /**
   * Held events per `event_type`: the 22 types of either era always (zero when none), and any type no era knows once
   * an event of it arrived.
   */
  eventsByType: Record<EventType | CurrentOnlyEventType, number> & Record<string, number>;
  /** Requests not accepted, per reason (all keys, zero when none). */
  rejections: Record<RejectionReason, number>;
  /** Today's wire format and the keys no era knows, since start (see `CollectorDrift`). */
  drift: CollectorDrift;
  /** `/api/stream` readers dropped since start for falling more than `maxStreamBufferBytes` behind. */
  droppedStreams: number;
}

export interface StatsCounter {
  countRequest(): void;
  reject(reason: RejectionReason): void;
  accept(events: readonly StoredEvent[], drift?: readonly EventDrift[], currentEraEvents?: number): void;
  restore(events: readonly StoredEvent[]): void;
  /** The held events were cleared: `storedEvents` and `eventsByType` go back to zero (the since-start counts stay). */
  forgetHeld(): void;
  /** A slow `/api/stream` reader was dropped. */
  dropStream(): void;
  snapshot(): CollectorStats;
}

export function createStatsCounter(): StatsCounter {
  let requests = 0;
  let acceptedRequests = 0;
  let acceptedEvents = 0;
  let storedEvents = 0;
  const allTypes = [...EVENT_TYPES, ...CURRENT_ONLY_EVENT_TYPES];
  const eventsByType = Object.fromEntries(allTypes.map((type) => [type, 0])) as CollectorStats['eventsByType'];
  const rejections = Object.fromEntries(REJECTION_REASONS.map((reason) => [reason, 0])) as Record<RejectionReason, number>;
  const drift = createDriftCounter();
  let droppedStreams = 0;

  const hold = (events: readonly StoredEvent[]) => {
    storedEvents += events.length;
    for (const stored of events) eventsByType[stored.event.event_type] = (eventsByType[stored.event.event_type] ?? 0) + 1;
  };

  return {
    countRequest: () => {
      requests += 1;
    },
    reject: (reason) => {
      rejections[reason] += 1;
    },
    accept: (events, eventDrift = [], currentEraEvents = 0) => {
      drift.add(eventDrift, currentEraEvents);
      acceptedRequests += 1;
      acceptedEvents += events.length;
      hold(events);
    },
    restore: hold,
    forgetHeld: () => {
      storedEvents = 0;
      for (const type of Object.keys(eventsByType)) {
        if ((allTypes as readonly string[]).includes(type)) eventsByType[type] = 0;
        else delete eventsByType[type];
      }
    },
    dropStream: () => {
      droppedStreams += 1;
    },
    snapshot: () => ({
      requests,
      acceptedRequests,
      acceptedEvents,
      storedEvents,
      eventsByType: { ...eventsByType },
      rejections: { ...rejections },
      drift: drift.snapshot(),
      droppedStreams,
    }),
  };
}
