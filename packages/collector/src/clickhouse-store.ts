import type { ClickHouseClient } from '@clickhouse/client';
import type { AppendBatch, AppendResult, CollectorStore, StoreCursor } from './collector-store.js';
import { clickHouseFeatures, createTableStatements, eventsTable, insertSettings, sqlString } from './clickhouse-schema.js';
import type { ClickHouseFeatures, ClickHouseLayout } from './clickhouse-schema.js';
import type { ClickHouseTarget } from './clickhouse-url.js';
import type { CollectorDrift } from './event-drift.js';
import type { EventFilter } from './event-filter.js';
import { threadIdOf } from './event-filter.js';
import { eventKey, numericIdOf, requestDigest } from './event-key.js';
import { GroupInsert } from './group-insert.js';
import type { EventPage } from './event-page.js';
import type { EventQuery } from './event-query.js';
import { redactText } from './redact-credentials.js';
import type { StoredEvent } from './stored-event.js';

export interface ClickHouseStoreOptions {
  target: ClickHouseTarget;
  /** `--clickhouse-cluster`: the `remote_servers` cluster whose shards hold the local tables. */
  cluster?: string;
  /** Redacted from every message (the URL, its password). */
  secrets: readonly string[];
  /** Per ClickHouse request, in ms. Default: 10000. */
  requestTimeoutMs?: number;
}

/** The ClickHouse store, with what the collector needs beyond `CollectorStore`. */
export interface ClickHouseStore extends CollectorStore {
  readonly kind: 'clickhouse';
  /** Checks the version and creates the database and tables (once; again after a failure). */
  ready(): Promise<ClickHouseFeatures>;
  /**
   * The keys (and times) of the rows after `cursor`, in (time, key) order, without their events: the cheap read the
   * live feed re-reads its lag window with (a retried request's rows appear once per copy).
   */
  keysAfter(cursor: StoreCursor, limit: number): Promise<{ keys: Array<{ key: string; at: number }>; cursor: StoreCursor }>;
  /** The rows of these keys (any copies), read by key. */
  eventsByKeys(keys: ReadonlyArray<{ key: string; at: number }>): Promise<StoredEvent[]>;
  /** The newest `limit` events, oldest first, and the cursor after them. */
  latest(limit: number): Promise<{ events: StoredEvent[]; cursor: StoreCursor }>;
  /** Days (`YYYY-MM-DD`) with rows on the connected server, for retention. */
  partitions(): Promise<string[]>;
  dropPartition(day: string): Promise<void>;
  /** Failures as they may be shown (the URL's password redacted). */
  describe(error: unknown): string;
}

const columns = 'key, id, request_id, received_at_ms, account_id, auth_scheme, agent_runtime_id, event';

interface Row {
  key: string;
  id: string | number;
  request_id: string | number;
  received_at_ms: string | number;
  account_id: string;
  auth_scheme: 'bearer' | 'agent_assertion';
  agent_runtime_id: string | null;
  event: string;
}

/**
 * Events in ClickHouse, through `@clickhouse/client` (HTTP, `JSONEachRow`). Reads deduplicate with `FINAL` (a
 * retried request's rows share their keys); the cursor read does not (the reader drops keys it has seen). The client
 * package is imported on first use.
 */
export async function createClickHouseStore(options: ClickHouseStoreOptions): Promise<ClickHouseStore> {
  // Loaded only when asked for: the embedded default never loads the ClickHouse client.
  const { createClient, ClickHouseLogLevel } = await import('@clickhouse/client');
  const { target, cluster, secrets } = options;
  const layout: ClickHouseLayout = { database: target.database, cluster };
  const table = eventsTable(layout);
  const client: ClickHouseClient = createClient({
    url: target.origin,
    username: target.username,
    password: target.password,
    request_timeout: options.requestTimeoutMs ?? 10_000,
    application: 'codex-analytics-collector',
    // Its own log would print requests and errors: the collector reports failures itself, redacted.
    log: { level: ClickHouseLogLevel.OFF },
  });
  const describe = (error: unknown) => redactText(error instanceof Error ? error.message : String(error), secrets).split('\n')[0]!.slice(0, 500);
  let setup: Promise<ClickHouseFeatures> | undefined;
  /** Whether the tables were made `ON CLUSTER` (then partitions are dropped on every shard too). */
  let onCluster = false;

  const rows = async <T>(query: string): Promise<T[]> => {
    const result = await client.query({ query, format: 'JSONEachRow' });
    return result.json<T>();
  };

  const ready = () => {
    setup ??= (async () => {
      const [row] = await rows<{ version: string }>('SELECT version() AS version');
      const features = clickHouseFeatures(row?.version ?? '0.0');
      if (cluster !== undefined) {
        // Every shard at once where the cluster has distributed DDL (ZooKeeper); else (18.16 alone: "DDL background
        // thread is not initialized") on this server only, as without a cluster.
        try {
          for (const statement of createTableStatements(layout, features, { onCluster: true })) {
            await client.command({ query: statement, clickhouse_settings: { distributed_ddl_task_timeout: '15' } });
          }
          onCluster = true;
          return features;
        } catch {
          onCluster = false;
        }
      }
      for (const statement of createTableStatements(layout, features)) await client.command({ query: statement });
      return features;
    })().catch((error: unknown) => {
      setup = undefined;
      throw error;
    });
    return setup;
  };

  const where = (filter: EventFilter) => {
    const conditions: string[] = [];
    if (filter.eventType !== undefined) conditions.push(`event_type = ${sqlString(filter.eventType)}`);
    if (filter.threadId !== undefined) conditions.push(`thread_id = ${sqlString(filter.threadId)}`);
    if (filter.since !== undefined) {
      const since = Math.max(0, Math.floor(filter.since));
      conditions.push(`day >= ${sqlString(utcDay(since))}`, `received_at_ms >= ${since}`);
    }
    return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  };

  const inserts = new GroupInsert<Record<string, unknown>>(async (values, tokens) => {
    const features = await ready();
    // One request: its own deduplication token (newer servers); several: one token for the group.
    const token = tokens.length === 1 ? tokens[0]! : requestDigest(Buffer.from(tokens.join(',')));
    await client.insert({ table, values, format: 'JSONEachRow', clickhouse_settings: insertSettings(layout, features, token) });
  });

  return {
    kind: 'clickhouse',
    ready,
    describe,
    append: async (batch: AppendBatch): Promise<AppendResult> => {
      if (batch.events.length === 0) return { ok: true, stored: [] };
      const digest = requestDigest(batch.body);
      const requestDrift = batch.drift.filter((entry) => entry.index === null).flatMap((entry) => entry.unknownKeys);
      const driftByIndex = new Map(batch.drift.filter((entry) => entry.index !== null).map((entry) => [entry.index, entry.unknownKeys]));
      const stored: StoredEvent[] = [];
      const values = batch.events.map((event, index) => {
        const key = eventKey(digest, index);
        const storedEvent: StoredEvent = {
          id: numericIdOf(key),
          requestId: numericIdOf(digest),
          receivedAt: batch.receivedAt,
          accountId: batch.accountId,
          authScheme: batch.authScheme,
          agentRuntimeId: batch.agentRuntimeId,
          event,
          key,
        };
        stored.push(storedEvent);
        return {
          day: utcDay(batch.receivedAt),
          received_at: utcTime(batch.receivedAt),
          received_at_ms: batch.receivedAt,
          key,
          id: storedEvent.id,
          request_id: storedEvent.requestId,
          account_id: batch.accountId,
          auth_scheme: batch.authScheme,
          agent_runtime_id: batch.agentRuntimeId,
          event_type: event.event_type,
          thread_id: threadIdOf(storedEvent) ?? '',
          event: JSON.stringify(event),
          drift_keys: driftByIndex.get(index) ?? [],
          request_drift_keys: index === 0 ? requestDrift : [],
          request_current_era: index === 0 ? batch.currentEraEvents : 0,
        };
      });
      try {
        await ready();
        // Group commit: concurrent requests share one insert; this resolves once the insert carrying these rows did.
        await inserts.add(values, digest);
      } catch (error) {
        return { ok: false, reason: 'store_unavailable', message: `ClickHouse refused the batch (${describe(error)})`, retryAfterSeconds: 2 };
      }
      return { ok: true, stored };
    },
    page: async (query: EventQuery): Promise<EventPage> => {
      await ready();
      // In ClickHouse the cursor is the position of the next page (ids are digests, not arrival order).
      const offset = query.cursor ?? query.offset;
      const condition = where(query.filter);
      const [found, counted] = await Promise.all([
        rows<Row>(`SELECT ${columns} FROM ${table} FINAL ${condition} ORDER BY received_at_ms, key LIMIT ${query.limit} OFFSET ${offset}`),
        rows<{ total: string | number }>(`SELECT count() AS total FROM ${table} FINAL ${condition}`),
      ]);
      const total = Number(counted[0]?.total ?? 0);
      const events = found.map(storedOfRow);
      return { events, total, nextCursor: offset + events.length < total && events.length > 0 ? String(offset + events.length) : null };
    },
    countsByType: async () => {
      await ready();
      const found = await rows<{ event_type: string; events: string | number }>(`SELECT event_type, count() AS events FROM ${table} FINAL GROUP BY event_type`);
      return Object.fromEntries(found.map((row) => [row.event_type, Number(row.events)]));
    },
    drift: async (): Promise<CollectorDrift> => {
      await ready();
      const [perType, keys, requestKeys] = await Promise.all([
        rows<{ event_type: string; drifted: string; current: string; requests: string }>(
          `SELECT event_type, countIf(notEmpty(drift_keys)) AS drifted, sum(request_current_era) AS current, countIf(notEmpty(request_drift_keys)) AS requests FROM ${table} FINAL GROUP BY event_type`,
        ),
        rows<{ event_type: string; name: string; events: string }>(
          `SELECT event_type, name, count() AS events FROM ${table} FINAL ARRAY JOIN drift_keys AS name GROUP BY event_type, name`,
        ),
        rows<{ name: string; events: string }>(`SELECT name, count() AS events FROM ${table} FINAL ARRAY JOIN request_drift_keys AS name GROUP BY name`),
      ]);
      const byEventType: CollectorDrift['byEventType'] = {};
      let currentEraEvents = 0;
      let driftedEvents = 0;
      let requestsWithDrift = 0;
      for (const row of perType) {
        currentEraEvents += Number(row.current);
        requestsWithDrift += Number(row.requests);
        if (Number(row.drifted) > 0) {
          driftedEvents += Number(row.drifted);
          byEventType[row.event_type] = { events: Number(row.drifted), keys: {} };
        }
      }
      for (const row of keys) {
        const entry = (byEventType[row.event_type] ??= { events: 0, keys: {} });
        entry.keys[row.name] = Number(row.events);
      }
      if (requestsWithDrift > 0) {
        driftedEvents += requestsWithDrift;
        byEventType['(request)'] = { events: requestsWithDrift, keys: Object.fromEntries(requestKeys.map((row) => [row.name, Number(row.events)])) };
      }
      return { currentEraEvents, driftedEvents, unstoredEvents: 0, byEventType };
    },
    eventsAfter: async (cursor, limit) => {
      await ready();
      const at = Math.max(0, Math.floor(cursor.at));
      const found = await rows<Row>(
        `SELECT ${columns} FROM ${table} WHERE day >= ${sqlString(utcDay(at))} AND (received_at_ms > ${at} OR (received_at_ms = ${at} AND key > ${sqlString(cursor.key)})) ORDER BY received_at_ms, key LIMIT ${limit}`,
      );
      const events = found.map(storedOfRow);
      const last = events.at(-1);
      return { events, keys: events.map((stored) => stored.key!), cursor: last === undefined ? cursor : { at: last.receivedAt, key: last.key! } };
    },
    keysAfter: async (cursor, limit) => {
      await ready();
      const at = Math.max(0, Math.floor(cursor.at));
      const found = await rows<{ key: string; received_at_ms: string | number }>(
        `SELECT key, received_at_ms FROM ${table} WHERE day >= ${sqlString(utcDay(at))} AND (received_at_ms > ${at} OR (received_at_ms = ${at} AND key > ${sqlString(cursor.key)})) ORDER BY received_at_ms, key LIMIT ${limit}`,
      );
      const keys = found.map((row) => ({ key: row.key, at: Number(row.received_at_ms) }));
      const last = keys.at(-1);
      return { keys, cursor: last === undefined ? cursor : { at: last.at, key: last.key } };
    },
    eventsByKeys: async (keys) => {
      if (keys.length === 0) return [];
      await ready();
      const since = Math.max(0, Math.floor(Math.min(...keys.map((entry) => entry.at))));
      const list = keys.map((entry) => sqlString(entry.key)).join(', ');
      const found = await rows<Row>(`SELECT ${columns} FROM ${table} WHERE day >= ${sqlString(utcDay(since))} AND key IN (${list})`);
      return found.map(storedOfRow);
    },
    latest: async (limit) => {
      await ready();
      const found = await rows<Row>(`SELECT ${columns} FROM ${table} FINAL ORDER BY received_at_ms DESC, key DESC LIMIT ${limit}`);
      const events = found.map(storedOfRow).reverse();
      const last = events.at(-1);
      return { events, cursor: last === undefined ? { at: 0, key: '' } : { at: last.receivedAt, key: last.key! } };
    },
    partitions: async () => {
      await ready();
      const found = await rows<{ partition: string }>(
        `SELECT DISTINCT partition FROM system.parts WHERE database = ${sqlString(target.database)} AND table = 'events' AND active ORDER BY partition`,
      );
      return found.map((row) => row.partition.replace(/'/g, ''));
    },
    dropPartition: async (day) => {
      const everywhere = onCluster && cluster !== undefined ? ` ON CLUSTER ${cluster}` : '';
      await client.command({ query: `ALTER TABLE ${target.database}.events${everywhere} DROP PARTITION ${sqlString(day)}` });
    },
    close: () => client.close(),
  };
}

function storedOfRow(row: Row): StoredEvent {
  return {
    id: Number(row.id),
    requestId: Number(row.request_id),
    receivedAt: Number(row.received_at_ms),
    accountId: row.account_id,
    authScheme: row.auth_scheme,
    agentRuntimeId: row.agent_runtime_id,
    event: JSON.parse(row.event) as StoredEvent['event'],
    key: row.key,
  };
}

/** `YYYY-MM-DD` (UTC) of a time in ms. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
