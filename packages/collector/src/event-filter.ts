import type { StoredEvent } from './stored-event.js';

/** Which stored events to return. Every field narrows the result; none means all. */
export interface EventFilter {
  /** Only events with this `event_type`. */
  eventType?: string;
  /** Only events whose `event_params.thread_id` is exactly this. */
  threadId?: string;
  /** Only events that arrived at or after this time (milliseconds since the epoch). */
  since?: number;
  /** Only events with an id greater than this (the cursor of `/api/events`). */
  afterId?: number;
}

export function matchesFilter(stored: StoredEvent, filter: EventFilter): boolean {
  if (filter.afterId !== undefined && stored.id <= filter.afterId) return false;
  if (filter.eventType !== undefined && stored.event.event_type !== filter.eventType) return false;
  if (filter.since !== undefined && stored.receivedAt < filter.since) return false;
  if (filter.threadId !== undefined && threadIdOf(stored) !== filter.threadId) return false;
  return true;
}

/** `event_params.thread_id` when the event has one (plugin state events do not). */
export function threadIdOf(stored: StoredEvent): string | null {
  const params = stored.event.event_params;
  if (typeof params !== 'object' || params === null) return null;
  return 'thread_id' in params && typeof params.thread_id === 'string' ? params.thread_id : null;
}
