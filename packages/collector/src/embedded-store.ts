import type { AppendBatch, AppendResult, CollectorStore } from './collector-store.js';
import type { CollectorDrift } from './event-drift.js';
import { pageEvents } from './event-page.js';
import type { EventStore } from './event-store.js';
import type { NdjsonAppender } from './ndjson-log.js';
import { createSerialQueue } from './serial-queue.js';
import type { StoredEvent } from './stored-event.js';

export interface EmbeddedStoreOptions {
  /** The events held in memory (reloaded from `out` first, when given). */
  memory: EventStore;
  /** The `out` NDJSON file: a batch is written there before it is acknowledged. */
  appender?: NdjsonAppender;
  /** Drift since start (the embedded store counts it as it arrives). */
  drift: () => CollectorDrift;
  /** Told of a stored batch before the memory's listeners (the streams) are: the collector counts it. */
  onStored?: (stored: readonly StoredEvent[], batch: AppendBatch) => void;
}

/** Events stored (and sent to the streams) between two yields to the event loop. */
const storeSliceEvents = 1000;

const yieldImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The default store, for one process: memory, and the optional append-only NDJSON file. Ids increase in arrival
 * order (continuing after the reloaded ones); batches are stored one at a time, in the order they are written.
 */
export function createEmbeddedStore(options: EmbeddedStoreOptions): CollectorStore & { readonly kind: 'embedded' } {
  const { memory, appender, drift, onStored } = options;
  // Accepted requests are numbered even when empty, so the count lives here rather than in the stored events.
  let lastRequestId = memory.lastIds().requestId;
  // One append at a time, so that ids are given in the order the batches reach the file.
  const serially = createSerialQueue();
  return {
    kind: 'embedded',
    append: (batch) =>
      serially(async (): Promise<AppendResult> => {
        const lastId = memory.lastIds().id;
        const requestId = lastRequestId + 1;
        const stored: StoredEvent[] = batch.events.map((event, index) => ({
          id: lastId + index + 1,
          requestId,
          receivedAt: batch.receivedAt,
          accountId: batch.accountId,
          authScheme: batch.authScheme,
          agentRuntimeId: batch.agentRuntimeId,
          event,
        }));
        // Written before it is acknowledged: a 200 means the events are in the file; a batch the file refused is not stored.
        const written = appender === undefined ? undefined : await appender.append(stored);
        if (written !== undefined && !written.ok) {
          return { ok: false, reason: 'out_unavailable', message: written.message, retryAfterSeconds: written.retryAfterSeconds };
        }
        lastRequestId = requestId;
        onStored?.(stored, batch);
        // Listeners (the streams) are told in slices, so a batch of 50,000 events does not hold the event loop.
        for (let from = 0; from < stored.length; from += storeSliceEvents) {
          if (from > 0) await yieldImmediate();
          memory.add(stored.slice(from, from + storeSliceEvents));
        }
        return { ok: true, stored };
      }),
    page: (query) => Promise.resolve(pageEvents(memory, query)),
    countsByType: () => {
      const counts: Record<string, number> = {};
      for (const stored of memory.list()) counts[stored.event.event_type] = (counts[stored.event.event_type] ?? 0) + 1;
      return Promise.resolve(counts);
    },
    drift: () => Promise.resolve(drift()),
    eventsAfter: (cursor, limit) => {
      const afterId = Number(cursor.key === '' ? 0 : cursor.key);
      const events = memory.list({ afterId }).slice(0, limit);
      const last = events.at(-1);
      return Promise.resolve({ events, keys: events.map((stored) => String(stored.id)), cursor: last === undefined ? cursor : { at: last.receivedAt, key: String(last.id) } });
    },
    close: async () => {
      await appender?.close();
    },
  };
}
