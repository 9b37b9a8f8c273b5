import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadZodAsync, TRACK_EVENTS_PATH } from '@codex-analytics/events';
import { abortableSleep } from './abortable-sleep.js';
import { createAgentRegistry } from './agent-registry.js';
import { createBodyBudget } from './body-budget.js';
import { backendPrefix } from './backend-route.js';
import { createFaultController } from './collector-faults.js';
import { consoleCollectorLogger } from './collector-logger.js';
import type { Collector, CollectorOptions } from './collector-options.js';
import { createStatsCounter } from './collector-stats.js';
import { createEventStore } from './event-store.js';
import { checkOutPath } from './check-out-path.js';
import { createEventStreamHub } from './event-stream.js';
import { createRequestHandler } from './create-request-handler.js';
import type { TrackEventsContext } from './handle-track-events.js';
import { listenError } from './listen-error.js';
import { createEmbeddedStore } from './embedded-store.js';
import { createClickHouseCollector } from './clickhouse-collector.js';
import { loadNdjsonLog, openNdjsonAppender } from './ndjson-log.js';
import type { NdjsonAppender } from './ndjson-log.js';
import { createRejectionLog } from './rejection-log.js';
import { createRequestGuard, isLoopbackHost } from './request-guard.js';
import { resolveCollectorAccess } from './collector-access.js';
import { createRateLimiter } from './rate-limiter.js';
import { createReadAccess } from './read-access.js';
import type { RequestGuard } from './request-guard.js';

/** The default request body cap: 10 MiB. */
export const defaultMaxBodyBytes = 10 * 1024 * 1024;

/** The default budget of request body bytes held at once, across requests: 32 MiB. */
export const defaultMaxInFlightBodyBytes = 32 * 1024 * 1024;

/** The default of how far (in bytes) a `/api/stream` reader may fall behind before it is dropped: 1 MiB. */
export const defaultMaxStreamBufferBytes = 1024 * 1024;

/**
 * Starts a local collector: an HTTP server that implements `POST {base}/codex/analytics-events/events` (also under
 * `/backend-api`), validates every request with the events schemas and stores what it accepts (in memory, and in
 * the NDJSON file `out` when given, reloaded first). See `CollectorOptions` and `Collector`.
 */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const {
    host = '127.0.0.1',
    port = 0,
    out,
    maxBodyBytes = defaultMaxBodyBytes,
    logger = consoleCollectorLogger,
    now = () => Date.now(),
    sleep = abortableSleep,
    heartbeatMs = 15_000,
    maxStreamBufferBytes = defaultMaxStreamBufferBytes,
    maxInFlightBodyBytes = defaultMaxInFlightBodyBytes,
  } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new TypeError(`invalid port ${port}`);
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new TypeError(`invalid maxBodyBytes ${maxBodyBytes}`);
  if (!Number.isInteger(maxInFlightBodyBytes) || maxInFlightBodyBytes < 1) throw new TypeError(`invalid maxInFlightBodyBytes ${maxInFlightBodyBytes}`);
  if (!Number.isInteger(maxStreamBufferBytes) || maxStreamBufferBytes < 1) throw new TypeError(`invalid maxStreamBufferBytes ${maxStreamBufferBytes}`);
  const loopback = isLoopbackHost(host);
  if (!loopback && options.allowNonLoopback !== true) {
    throw new TypeError(
      `refusing to listen on ${JSON.stringify(host)}: it is not a loopback address, so other machines could send and read events; ` +
        'use 127.0.0.1, or pass allowNonLoopback: true (CLI: --allow-non-loopback) if that is what you want',
    );
  }
  // Beyond loopback: throws unless a read token and a writer rule are configured.
  const access = resolveCollectorAccess(options, { loopback, maxBodyBytes });

  // The events schemas load zod on first use; loading it here, asynchronously, also works in a bundle.
  await loadZodAsync();
  const faults = createFaultController(options.faults ?? {});
  const registry = createAgentRegistry(options.agentIdentity?.agents);
  const store = createEventStore();
  const stats = createStatsCounter();
  const streams = createEventStreamHub(store, { heartbeatMs, maxBufferedBytes: maxStreamBufferBytes, onDrop: () => stats.dropStream() });
  const rejections = createRejectionLog();
  // Made once the server listens: it needs the bound port.
  const guard: { current?: RequestGuard } = {};
  const closing = new AbortController();

  // With ClickHouse the store is shared; the memory store is then this process's live view of it.
  if (options.clickhouse !== undefined && out !== undefined) throw new TypeError('out and clickhouse are two stores: give one of them');
  const clickhouse =
    options.clickhouse === undefined ? undefined : await createClickHouseCollector(options.clickhouse, { view: store, stats, logger, now });

  let appender: NdjsonAppender | undefined;
  if (out !== undefined) {
    // A FIFO or a device would block the read below (or never end it): refuse it, and any path that cannot work, first.
    checkOutPath(out);
    const restored = await loadNdjsonLog(out, logger);
    store.restore(restored);
    stats.restore(restored);
    appender = await openNdjsonAppender(out, { logger });
  }

  const embedded = createEmbeddedStore({
    memory: store,
    ...(appender === undefined ? {} : { appender }),
    drift: () => stats.snapshot().drift,
    onStored: (stored, batch) => stats.accept(stored, batch.drift, batch.currentEraEvents),
  });
  const accept: TrackEventsContext['accept'] = async (events, meta) => {
    if (clickhouse !== undefined) return clickhouse.accept(events, meta);
    const result = await embedded.append({ ...meta, events });
    return result.ok ? { ok: true } : result;
  };
  const snapshot = clickhouse?.snapshot ?? (() => stats.snapshot());

  const server = createServer(
    createRequestHandler({
      store,
      stats,
      faults,
      registry,
      streams,
      logger,
      now,
      sleep,
      maxBodyBytes,
      rejections,
      clear: () => {
        store.clear();
        stats.forgetHeld();
        rejections.clear();
        streams.broadcast('cleared', {});
      },
      closing: closing.signal,
      guard: () => guard.current,
      readAccess: createReadAccess(access.readToken, now),
      configuredTokens: [options.readToken, options.ingestToken, ...(clickhouse?.secrets ?? [])],
      ...(clickhouse === undefined ? {} : { pageEvents: clickhouse.pageEvents, statsSnapshot: clickhouse.statsSnapshot }),
      trustProxy: access.trustProxy,
      refuse: (rejection, countsAsEvents) => {
        if (countsAsEvents) stats.reject(rejection.reason);
        streams.broadcast('rejection', rejections.add(rejection));
      },
      trackEvents: {
        assertionMode: options.agentIdentity?.assertions ?? 'verify',
        strict: options.strict ?? false,
        accept,
        bodyBudget: createBodyBudget(maxInFlightBodyBytes),
        writers: access.writers,
        ...(access.rateLimits === undefined ? {} : { rateLimiter: createRateLimiter(access.rateLimits, now) }),
      },
    }),
  );

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await appender?.close();
    await clickhouse?.close();
    throw listenError(error, host, port);
  }
  clickhouse?.start();

  const boundPort = (server.address() as AddressInfo).port;
  guard.current = createRequestGuard({ host, port: boundPort, publicOrigins: (options.publicOrigins ?? []).map((origin) => new URL(origin).origin) });
  if (!loopback) {
    logger.warn(
      `collector: listening on ${host}:${boundPort}, which other machines can reach: readers need the read token, writers must pass a writer rule; put a TLS reverse proxy in front of it`,
    );
  }
  const url = `http://${urlHost(host)}:${boundPort}`;
  let closed: Promise<void> | undefined;

  return {
    url,
    backendUrl: `${url}${backendPrefix}`,
    eventsUrl: `${url}${TRACK_EVENTS_PATH}`,
    host,
    port: boundPort,
    events: (filter) => store.list(filter),
    stats: snapshot,
    syncStore: async () => {
      await clickhouse?.sync();
    },
    faults: () => faults.current(),
    setFaults: (next) => faults.set(next),
    agents: () => registry.list(),
    onEvent: (listener) =>
      store.subscribe((stored) => {
        try {
          listener(stored);
        } catch (error) {
          logger.warn(`collector: an onEvent listener threw: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    waitForEvents: (count, { signal } = {}) =>
      new Promise((resolve, reject) => {
        if (store.size >= count) return resolve(store.list());
        if (signal?.aborted) return reject(signal.reason as Error);
        const onAbort = () => {
          unsubscribe();
          reject(signal?.reason as Error);
        };
        const unsubscribe = store.subscribe(() => {
          if (store.size < count) return;
          unsubscribe();
          signal?.removeEventListener('abort', onAbort);
          resolve(store.list());
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    close: () => {
      closed ??= (async () => {
        closing.abort();
        clickhouse?.stop();
        streams.closeAll();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await embedded.close();
        await clickhouse?.close();
      })();
      return closed;
    },
  };
}


/** The host as a client reaches it: a wildcard address becomes loopback, an IPv6 address gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
