import type { ClickHouseOptions } from './collector-options.js';
import type { CollectorLogger } from './collector-logger.js';
import type { CollectorStats, StatsCounter } from './collector-stats.js';
import { checkIdentifier } from './clickhouse-schema.js';
import { createClickHouseStore } from './clickhouse-store.js';
import { clickHouseSecrets, parseClickHouseUrl } from './clickhouse-url.js';
import type { EventPage } from './event-page.js';
import type { EventQuery } from './event-query.js';
import type { EventStore } from './event-store.js';
import type { AcceptResult, TrackEventsContext } from './handle-track-events.js';
import { createStoreFeed } from './store-feed.js';
import type { ScheduleTimer } from './store-feed.js';
import { createStoreRetention } from './store-retention.js';

/** What a collector on ClickHouse adds to one on the embedded store. */
export interface ClickHouseCollector {
  /** The URL and its password, redacted wherever the collector might show them. */
  readonly secrets: readonly string[];
  accept: TrackEventsContext['accept'];
  pageEvents: (query: EventQuery) => Promise<EventPage>;
  /** `GET /api/stats`: the store-wide counts read afresh. */
  statsSnapshot: () => Promise<CollectorStats>;
  /** `stats()`: the store-wide counts as last read (at most 5 s old while the feed runs). */
  snapshot: () => CollectorStats;
  /** Reads the store now: the live view and the store-wide counts. */
  sync(): Promise<void>;
  /** Starts the feed and the retention sweeps (once the server listens). */
  start(): void;
  stop(): void;
  close(): Promise<void>;
}

export interface ClickHouseCollectorContext {
  /** The live view: what `/api/stream`, `events()` and `onEvent` see. */
  view: EventStore;
  stats: StatsCounter;
  logger: CollectorLogger;
  now: () => number;
}

const defaultSchedule: ScheduleTimer = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
};

/**
 * Sets up the ClickHouse store for a collector: checks the version and creates the tables (a server that is down is
 * not fatal: requests are answered 503 until it answers), the feed of the live view, retention, and the counts of
 * `stats()` (held events, per type and drift from the store; the rest this process's).
 */
export async function createClickHouseCollector(options: ClickHouseOptions, context: ClickHouseCollectorContext): Promise<ClickHouseCollector> {
  const { view, stats, logger, now } = context;
  const secrets = clickHouseSecrets(options.url);
  const target = parseClickHouseUrl(options.url);
  const cluster = options.cluster === undefined ? undefined : checkIdentifier(options.cluster, 'cluster');
  const schedule = options.schedule ?? defaultSchedule;
  const store = await createClickHouseStore({ target, cluster, secrets, ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }) });

  let figures: Pick<CollectorStats, 'storedEvents' | 'eventsByType' | 'drift'> | undefined;
  let figuresReadAt = Number.NEGATIVE_INFINITY;
  const refreshFigures = async () => {
    const [byType, drift] = await Promise.all([store.countsByType(), store.drift()]);
    const eventsByType = { ...stats.snapshot().eventsByType };
    for (const type of Object.keys(eventsByType)) eventsByType[type] = 0;
    Object.assign(eventsByType, byType);
    figures = { storedEvents: Object.values(byType).reduce((sum, count) => sum + count, 0), eventsByType, drift };
  };
  const snapshot = (): CollectorStats => ({ ...stats.snapshot(), ...(figures ?? {}) });

  const feed = createStoreFeed({
    store,
    view,
    logger,
    schedule,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    ...(options.lagMs === undefined ? {} : { lagMs: options.lagMs }),
    onPolled: () => {
      if (now() - figuresReadAt < 5000) return;
      figuresReadAt = now();
      void refreshFigures().catch(() => undefined);
    },
  });
  const retention =
    options.retentionDays === undefined ? undefined : createStoreRetention({ store, days: options.retentionDays, now, logger, schedule });

  await store.ready().catch((error: unknown) => {
    logger.warn(`collector: ClickHouse at ${target.display} does not answer yet (${store.describe(error)}); events are answered 503 until it does`);
  });

  return {
    secrets,
    accept: async (events, meta): Promise<AcceptResult> => {
      // The arrival time is the store time: the feeds of other collectors read by it, so it is taken just before the insert.
      const result = await store.append({ ...meta, events, receivedAt: now() });
      if (!result.ok) return result;
      stats.accept(result.stored, meta.drift, meta.currentEraEvents);
      feed.ownStored(result.stored);
      return { ok: true };
    },
    pageEvents: (query) => store.page(query),
    statsSnapshot: async () => {
      await refreshFigures();
      return snapshot();
    },
    snapshot,
    sync: async () => {
      await feed.pollNow();
      await refreshFigures().catch(() => undefined);
    },
    start: () => {
      feed.start();
      retention?.start();
    },
    stop: () => {
      feed.stop();
      retention?.stop();
    },
    close: () => store.close(),
  };
}
