/** What the connected server can do, from `SELECT version()` (checked once). */
export interface ClickHouseFeatures {
  version: string;
  /** `DateTime64(3)` (20.1+); else the time is a `DateTime` and a `UInt64` of milliseconds. */
  dateTime64: boolean;
  /** `LowCardinality(String)` without the experimental flag (19.9+). */
  lowCardinality: boolean;
  /** The `insert_deduplication_token` insert setting (22.2+). */
  insertDeduplicationToken: boolean;
}

export function clickHouseFeatures(version: string): ClickHouseFeatures {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const atLeast = (wantMajor: number, wantMinor: number) => major > wantMajor || (major === wantMajor && minor >= wantMinor);
  return { version, dateTime64: atLeast(20, 1), lowCardinality: atLeast(19, 9), insertDeduplicationToken: atLeast(22, 2) };
}

export interface ClickHouseLayout {
  database: string;
  /** `--clickhouse-cluster`: local tables on every shard and a `Distributed` table over them. */
  cluster: string | undefined;
}

/** The table reads and inserts go to: `events` (one node) or the `Distributed` table `events_all` (cluster). */
export function eventsTable(layout: ClickHouseLayout): string {
  return `${layout.database}.${layout.cluster === undefined ? 'events' : 'events_all'}`;
}

/** The table that holds the rows on a server (partitions are dropped there). */
export function localEventsTable(layout: ClickHouseLayout): string {
  return `${layout.database}.events`;
}

/**
 * The statements that create the database and tables when missing (`IF NOT EXISTS`: safe to run from every
 * collector, at every start). One row per event; `key` (request body digest and event index) is the identity a
 * retried request collapses on (ReplacingMergeTree, sorting key `key`), partitions are days (dropped by retention).
 */
export function createTableStatements(layout: ClickHouseLayout, features: ClickHouseFeatures, { onCluster = false } = {}): string[] {
  const lowCardinality = (type: string) => (features.lowCardinality ? `LowCardinality(${type})` : type);
  const local = localEventsTable(layout);
  // With ZooKeeper, `ON CLUSTER` creates them on every shard; without it (18.16 alone) each server creates its own.
  const everywhere = onCluster && layout.cluster !== undefined ? ` ON CLUSTER ${layout.cluster}` : '';
  const statements = [
    `CREATE DATABASE IF NOT EXISTS ${layout.database}${everywhere}`,
    `CREATE TABLE IF NOT EXISTS ${local}${everywhere} (
  day Date,
  received_at ${features.dateTime64 ? "DateTime64(3, 'UTC')" : "DateTime('UTC')"},
  received_at_ms UInt64,
  key String,
  id UInt64,
  request_id UInt64,
  account_id String,
  auth_scheme ${lowCardinality('String')},
  agent_runtime_id Nullable(String),
  event_type ${lowCardinality('String')},
  thread_id String,
  event String,
  drift_keys Array(String),
  request_drift_keys Array(String),
  request_current_era UInt32
) ENGINE = ReplacingMergeTree()
PARTITION BY day
ORDER BY key`,
  ];
  if (layout.cluster !== undefined) {
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${eventsTable(layout)}${everywhere} AS ${local} ENGINE = Distributed(${layout.cluster}, ${layout.database}, events, cityHash64(thread_id))`,
    );
  }
  return statements;
}

/** Insert settings: a cluster insert returns once every shard has its rows (so a 200 means stored). */
export function insertSettings(layout: ClickHouseLayout, features: ClickHouseFeatures, token: string): Record<string, string | number> {
  return {
    ...(layout.cluster === undefined ? {} : { insert_distributed_sync: 1 }),
    ...(features.insertDeduplicationToken ? { insert_deduplication_token: token } : {}),
  };
}

/** A string literal for ClickHouse SQL (18.16 has no query parameters). */
export function sqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A name (database, cluster) the collector puts into SQL: plain identifiers only. */
export function checkIdentifier(name: string, what: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new TypeError(`the ClickHouse ${what} must be a plain name (letters, digits, _), got ${JSON.stringify(name.slice(0, 64))}`);
  return name;
}
