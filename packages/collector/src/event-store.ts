import { matchesFilter } from './event-filter.js';
import type { EventFilter } from './event-filter.js';
import type { StoredEvent } from './stored-event.js';

export type StoredEventListener = (stored: StoredEvent) => void;

/** The accepted events in memory, in arrival order, with listeners for the live stream. */
export interface EventStore {
  /** Adds events that were already given ids (reloaded from the file); listeners are not told. */
  restore(events: readonly StoredEvent[]): void;
  /** Stores events and tells the listeners, in order. */
  add(events: readonly StoredEvent[]): void;
  list(filter?: EventFilter): StoredEvent[];
  readonly size: number;
  /** The largest id and request id stored so far (0 when empty). */
  lastIds(): { id: number; requestId: number };
  subscribe(listener: StoredEventListener): () => void;
  /** Forgets every held event; ids go on increasing from the last one. */
  clear(): void;
  /** Forgets all but the newest `count` events (the ClickHouse store's live view is capped). */
  keepLast(count: number): void;
}

export function createEventStore(): EventStore {
  const events: StoredEvent[] = [];
  const listeners = new Set<StoredEventListener>();
  let lastId = 0;
  let lastRequestId = 0;

  const push = (stored: StoredEvent) => {
    events.push(stored);
    lastId = Math.max(lastId, stored.id);
    lastRequestId = Math.max(lastRequestId, stored.requestId);
  };

  return {
    restore: (restored) => {
      for (const stored of restored) push(stored);
    },
    add: (added) => {
      for (const stored of added) push(stored);
      for (const stored of added) {
        for (const listener of [...listeners]) listener(stored);
      }
    },
    list: (filter = {}) => events.filter((stored) => matchesFilter(stored, filter)),
    get size() {
      return events.length;
    },
    lastIds: () => ({ id: lastId, requestId: lastRequestId }),
    clear: () => {
      events.length = 0;
    },
    keepLast: (count) => {
      if (events.length > count) events.splice(0, events.length - count);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
