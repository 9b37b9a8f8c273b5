/** One event (or the request envelope) accepted with keys the current wire era does not know. */
export interface EventDrift {
  /** Index of the event in `events`; `null` for keys beside `events` in the request body. */
  index: number | null;
  /** The event's `event_type`; `null` for the envelope. */
  event_type: string | null;
  /** Dotted paths of the unknown keys (`event_params.new_key`); `['event_type']` for an event type outside the 14. */
  unknownKeys: string[];
  /** False for an event of an unknown type: accepted, counted, not stored. */
  stored: boolean;
}

/** Drift seen since start, as in `stats().drift` and `GET /api/stats`. */
export interface CollectorDrift {
  /** Accepted events that are today's wire format rather than the seed era's. */
  currentEraEvents: number;
  /** Accepted events (and envelopes) with at least one unknown key or an unknown event type. */
  driftedEvents: number;
  /** Events of an unknown event type: accepted, not stored. */
  unstoredEvents: number;
  /** Per `event_type` (`(request)` for the envelope): events with drift and each unknown key's count. */
  byEventType: Record<string, { events: number; keys: Record<string, number> }>;
}

export interface DriftCounter {
  add(drift: readonly EventDrift[], currentEraEvents: number): void;
  snapshot(): CollectorDrift;
}

export function createDriftCounter(): DriftCounter {
  let currentEraEvents = 0;
  let driftedEvents = 0;
  let unstoredEvents = 0;
  const byEventType = new Map<string, { events: number; keys: Map<string, number> }>();
  return {
    add: (drift, current) => {
      currentEraEvents += current;
      for (const entry of drift) {
        driftedEvents += 1;
        if (!entry.stored) unstoredEvents += 1;
        const type = entry.event_type ?? '(request)';
        let counts = byEventType.get(type);
        if (counts === undefined) byEventType.set(type, (counts = { events: 0, keys: new Map() }));
        counts.events += 1;
        for (const key of entry.unknownKeys) counts.keys.set(key, (counts.keys.get(key) ?? 0) + 1);
      }
    },
    snapshot: () => ({
      currentEraEvents,
      driftedEvents,
      unstoredEvents,
      byEventType: Object.fromEntries([...byEventType].map(([type, counts]) => [type, { events: counts.events, keys: Object.fromEntries(counts.keys) }])),
    }),
  };
}
