import type { ClickHouseStore } from './clickhouse-store.js';
import { utcDay } from './clickhouse-store.js';
import type { CollectorLogger } from './collector-logger.js';
import type { ScheduleTimer } from './store-feed.js';

export interface StoreRetentionOptions {
  store: Pick<ClickHouseStore, 'partitions' | 'dropPartition' | 'describe'>;
  /** Days kept: a day partition is dropped once every time in it is more than `days` days old. */
  days: number;
  now: () => number;
  logger: CollectorLogger;
  /** Between two sweeps, in ms. Default: one hour. */
  intervalMs?: number;
  schedule: ScheduleTimer;
}

export interface StoreRetention {
  /** Drops the expired partitions now; resolves with the days dropped. */
  sweep(): Promise<string[]>;
  /** Sweeps now and then every `intervalMs` until `stop`. */
  start(): void;
  stop(): void;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Retention by whole partitions (one a day): 18.16 has no TTL, and `ALTER TABLE ... DROP PARTITION` frees a day at
 * once without rewriting anything. Runs on the server the collector is connected to (each shard's collector sweeps
 * its own shard).
 */
export function createStoreRetention(options: StoreRetentionOptions): StoreRetention {
  const { store, days, now, logger, intervalMs = 60 * 60 * 1000, schedule } = options;
  if (!Number.isInteger(days) || days < 1) throw new TypeError(`retention days must be a whole number of at least 1 (got ${days})`);
  let timer: { cancel(): void } | undefined;
  let stopped = true;
  const sweep = async () => {
    const oldestKept = utcDay(now() - days * dayMs);
    const dropped: string[] = [];
    for (const day of await store.partitions()) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day >= oldestKept) continue;
      await store.dropPartition(day);
      dropped.push(day);
    }
    return dropped;
  };
  const loop = () => {
    if (stopped) return;
    sweep()
      .catch((error: unknown) => logger.warn(`collector: retention could not drop old partitions (${store.describe(error)}); trying again later`))
      .finally(() => {
        if (!stopped) timer = schedule(loop, intervalMs);
      });
  };
  return {
    sweep,
    start: () => {
      stopped = false;
      loop();
    },
    stop: () => {
      stopped = true;
      timer?.cancel();
    },
  };
}
