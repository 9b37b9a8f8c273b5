import type { AgentAssertionMode } from './agent-assertion.js';
import type { KnownAgent, RegisteredAgent } from './agent-registry.js';
import type { CollectorAccessOptions } from './collector-access.js';
import type { CollectorFaults } from './collector-faults.js';
import type { CollectorLogger } from './collector-logger.js';
import type { CollectorStats } from './collector-stats.js';
import type { EventFilter } from './event-filter.js';
import type { StoredEvent } from './stored-event.js';
import type { ScheduleTimer } from './store-feed.js';

/** The ClickHouse store: shared by every collector given the same one (see the README). */
export interface ClickHouseOptions {
  /** `http://user:password@host:8123/database` (database default `codex_analytics`). The password is never logged. */
  url: string;
  /** A `remote_servers` cluster: local tables on every shard and a `Distributed` table over them. Default: one node. */
  cluster?: string;
  /** Drop day partitions older than this many days, every hour. Default: keep everything. */
  retentionDays?: number;
  /** Between two reads of the store for the live view, in ms. Default: 500. */
  pollMs?: number;
  /** How far behind its cursor the live view re-reads (insert latency, clock skew), in ms. Default: 5000. */
  lagMs?: number;
  /** Per ClickHouse request, in ms. Default: 10000. */
  requestTimeoutMs?: number;
  /** Schedules the next poll and retention sweep. Default: `setTimeout` (unref'd). */
  schedule?: ScheduleTimer;
}

/** The agent identity side of the collector (`authenticate_app_v2`, agent and task registration, `AgentAssertion`). */
export interface AgentIdentityOptions {
  /** How `AgentAssertion` headers on event requests are checked. Default: `'verify'`. */
  assertions?: AgentAssertionMode;
  /** Agents known from the start, as if registered before (for example the identity in a test `auth.json`). Default: none. */
  agents?: readonly KnownAgent[];
}

/**
 * Options of `startCollector`. The access ones (`readToken`, `requireReadToken`, `ingestToken`, `allowAccounts`,
 * `allowAgentRuntimes`, `trustProxy`, `rateLimits`) are described in `CollectorAccessOptions`: beyond loopback a
 * read token and at least one writer rule are required.
 */
export interface CollectorOptions extends CollectorAccessOptions {
  /**
   * Interface to listen on. Default: `'127.0.0.1'`. Anything but a loopback address (127.x, `::1`, `localhost`)
   * also needs `allowNonLoopback`, a read token and a writer rule.
   */
  host?: string;
  /** Allows a `host` that other machines can reach (a warning is logged). Default: `false`. */
  allowNonLoopback?: boolean;
  /** Port to listen on; 0 picks a free one. Default: 0. */
  port?: number;
  /** Append-only NDJSON file of the stored events, reloaded on start. Default: memory only. */
  out?: string;
  /** Store the events in ClickHouse instead of memory (and `out`). Default: the embedded store. */
  clickhouse?: ClickHouseOptions;
  /**
   * Accept only seed-era events, refusing unknown keys with 400 (the behaviour before today's wire format was known).
   * Default `false`: today's Codex events are accepted too, and keys no era knows are reported as drift in `stats()`.
   */
  strict?: boolean;
  /** Faults to start with (see `CollectorFaults`). Default: none. */
  faults?: CollectorFaults;
  /** Largest request body accepted, in bytes; a larger one gets 413. Default: 10 MiB. */
  maxBodyBytes?: number;
  /** Receives warnings (a skipped NDJSON line, a failed request). Default: `console.warn`. */
  logger?: CollectorLogger;
  /** Clock for arrival times, milliseconds since the epoch. Default: `Date.now`. */
  now?: () => number;
  /** Waits out fault latency; must resolve early when `signal` aborts (the collector is closing). Default: a timer. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  agentIdentity?: AgentIdentityOptions;
  /**
   * Request body bytes held at once across requests (reading, parsing, validating, storing). A body that would go
   * over it while others are held is drained unbuffered and answered 503 `server_busy` with `Retry-After: 1`; one
   * body up to `maxBodyBytes` always fits. Default: 32 MiB.
   */
  maxInFlightBodyBytes?: number;
  /** Interval of the keep-alive comments on `/api/stream`, in ms. Default: 15000. */
  heartbeatMs?: number;
  /**
   * Most bytes an `/api/stream` reader may leave unread in the collector. One that falls further behind is dropped
   * (told to reconnect, which replays from its `Last-Event-ID`) and counted in `stats().droppedStreams`. Default: 1 MiB.
   */
  maxStreamBufferBytes?: number;
}

/** A running collector. */
export interface Collector {
  /** `http://host:port`: the `baseUrl` for a client (`${url}/backend-api` works too, as on the real backend). */
  readonly url: string;
  /** `${url}/backend-api`, the base of the agent identity endpoints as the real backend has it. */
  readonly backendUrl: string;
  /** The full URL of the events endpoint. */
  readonly eventsUrl: string;
  readonly host: string;
  readonly port: number;
  /** Stored events in arrival order, optionally filtered. */
  events(filter?: EventFilter): StoredEvent[];
  stats(): CollectorStats;
  /** With ClickHouse: reads the store now (the live view and the held counts); nothing to do with the embedded store. */
  syncStore(): Promise<void>;
  /** The pending faults. */
  faults(): CollectorFaults;
  /** Replaces the faults (`{}` clears them). Throws a `TypeError` for an invalid object. */
  setFaults(faults: CollectorFaults): void;
  /** Registered agents and the task ids issued to them. */
  agents(): RegisteredAgent[];
  /** Calls `listener` with every newly stored event; returns the unsubscribe function. */
  onEvent(listener: (stored: StoredEvent) => void): () => void;
  /** Resolves with all stored events once at least `count` are held; rejects when `signal` aborts. */
  waitForEvents(count: number, options?: { signal?: AbortSignal }): Promise<StoredEvent[]>;
  /** Stops listening, ends the streams and open connections, and closes the NDJSON file. Idempotent. */
  close(): Promise<void>;
}
