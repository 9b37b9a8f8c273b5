import type { EventQuery } from './event-query.js';
import type { EventStore } from './event-store.js';
import type { StoredEvent } from './stored-event.js';

/** One page of `GET /api/events`. */
export interface EventPage {
  events: StoredEvent[];
  /** Events matching the filters, whatever the page. */
  total: number;
  /** Pass as `cursor` to get the next page; `null` on the last page. */
  nextCursor: string | null;
}

export function pageEvents(store: EventStore, query: EventQuery): EventPage {
  const matching = store.list(query.filter);
  const cursor = query.cursor;
  const start = cursor === undefined ? query.offset : matching.findIndex((stored) => stored.id > cursor);
  const from = start === -1 ? matching.length : start;
  const events = matching.slice(from, from + query.limit);
  const last = events.at(-1);
  const hasMore = from + events.length < matching.length;
  return { events, total: matching.length, nextCursor: hasMore && last !== undefined ? String(last.id) : null };
}
