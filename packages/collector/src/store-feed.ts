import type { ClickHouseStore } from './clickhouse-store.js';
import type { CollectorLogger } from './collector-logger.js';
import type { StoreCursor } from './collector-store.js';
import type { EventStore } from './event-store.js';
import type { StoredEvent } from './stored-event.js';

/** A timer the feed schedules its next poll with (injected in tests). */
export type ScheduleTimer = (callback: () => void, ms: number) => { cancel(): void };

export interface StoreFeedOptions {
  store: Pick<ClickHouseStore, 'keysAfter' | 'eventsByKeys' | 'latest' | 'describe'>;
  /** The process's live view: what `/api/stream`, `events()` and `onEvent` see. */
  view: EventStore;
  logger: CollectorLogger;
  /** Between two polls, in ms. Default: 500. */
  pollMs?: number;
  /**
   * How far behind its cursor the feed re-reads, in ms: another collector's insert may land with a time a little
   * before the newest one read (insert latency, clock skew between machines). Default: 5000.
   */
  lagMs?: number;
  /** How long a key read stays known (its duplicates, from retries, are dropped), in ms. Default: 2 minutes. */
  rememberMs?: number;
  /** Most keys remembered (the oldest are forgotten first). Default: 500000. */
  maxRemembered?: number;
  /** Called after each poll that read the store (the collector refreshes its store-wide counts). */
  onPolled?: () => void;
  /** Events held in the view; the oldest go first. Default: 10000. */
  viewCapacity?: number;
  /** Rows per read. Default: 1000. */
  pageSize?: number;
  /** Keys per read of the lag window (keys are small: one read covers seconds of a busy store). Default: 20000. */
  keyPageSize?: number;
  schedule?: ScheduleTimer;
}

export interface StoreFeed {
  /** Loads the newest events into the view, then polls until `stop`. Failures are logged once per episode and retried. */
  start(): void;
  /** Polls once now (tests); resolves when that poll is done. */
  pollNow(): Promise<void>;
  /** An event this process stored itself: shown at once, and not again when the poll reads it. */
  ownStored(events: readonly StoredEvent[]): void;
  stop(): void;
}

/**
 * Feeds the live view from the shared store with a cursor, so that any collector's page and stream show the events
 * every collector stored. Each event is shown once: keys read are remembered for `rememberMs`. The view numbers the
 * events in the order this process saw them (`id`); their `key` is the store's identity.
 */
export function createStoreFeed(options: StoreFeedOptions): StoreFeed {
  const { store, view, logger, pollMs = 500, lagMs = 5000, rememberMs = 2 * 60_000, maxRemembered = 500_000, viewCapacity = 10_000, pageSize = 1000, onPolled } = options;
  const keyPageSize = options.keyPageSize ?? Math.max(pageSize, 20_000);
  const schedule: ScheduleTimer =
    options.schedule ??
    ((callback, ms) => {
      const timer = setTimeout(callback, ms);
      timer.unref();
      return { cancel: () => clearTimeout(timer) };
    });
  const seen = new Map<string, number>();
  let cursor: StoreCursor = { at: 0, key: '' };
  let nextId = 0;
  let loaded = false;
  let failing = false;
  let stopped = false;
  let timer: { cancel(): void } | undefined;
  let running: Promise<void> | undefined;

  const show = (events: readonly StoredEvent[]) => {
    const fresh: StoredEvent[] = [];
    for (const stored of events) {
      const key = stored.key;
      if (key === undefined || seen.has(key)) continue;
      seen.set(key, stored.receivedAt);
      nextId += 1;
      fresh.push({ ...stored, id: nextId });
    }
    if (fresh.length > 0) view.add(fresh);
    if (view.size > viewCapacity * 1.5) view.keepLast(viewCapacity);
  };

  const poll = async () => {
    if (!loaded) {
      const latest = await store.latest(Math.min(viewCapacity, 1000));
      show(latest.events);
      cursor = latest.cursor;
      loaded = true;
    }
    // Re-read the window behind the cursor: a late insert from another collector lands there. Keys only; the events
    // of the keys not shown yet are read by key (the window is mostly rows already shown, this process's own above all).
    let from: StoreCursor = { at: Math.max(0, cursor.at - lagMs), key: '' };
    for (;;) {
      const page = await store.keysAfter(from, keyPageSize);
      const unseen = new Map<string, { key: string; at: number }>();
      for (const entry of page.keys) if (!seen.has(entry.key)) unseen.set(entry.key, entry);
      // Their events, `pageSize` keys per read, shown in store order.
      const wanted = [...unseen.values()];
      for (let start = 0; start < wanted.length && !stopped; start += pageSize) {
        const events = await store.eventsByKeys(wanted.slice(start, start + pageSize));
        events.sort((a, b) => a.receivedAt - b.receivedAt || ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
        show(events);
      }
      if (page.cursor.at > cursor.at || (page.cursor.at === cursor.at && page.cursor.key > cursor.key)) cursor = page.cursor;
      from = page.cursor;
      if (page.keys.length < keyPageSize || stopped) break;
    }
    const forgetBefore = cursor.at - Math.max(rememberMs, 2 * lagMs);
    // Keys are remembered in the order they were read (close to store order): the oldest go first.
    for (const [key, at] of seen) {
      if (at >= forgetBefore && seen.size <= maxRemembered) break;
      seen.delete(key);
    }
    onPolled?.();
  };

  const pollOnce = () => {
    running ??= poll()
      .then(() => {
        if (failing) logger.warn('collector: the ClickHouse store is read again');
        failing = false;
      })
      .catch((error: unknown) => {
        // A poll cut short by close() is no failure to report.
        if (!failing && !stopped) logger.warn(`collector: cannot read the ClickHouse store (${store.describe(error)}); retrying`);
        failing = true;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const loop = () => {
    if (stopped) return;
    void pollOnce().then(() => {
      if (!stopped) timer = schedule(loop, pollMs);
    });
  };

  return {
    start: () => {
      stopped = false;
      loop();
    },
    pollNow: () => pollOnce(),
    ownStored: (events) => show(events),
    stop: () => {
      stopped = true;
      timer?.cancel();
    },
  };
}
