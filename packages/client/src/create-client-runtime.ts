import type { CodexRuntimeMetadata } from '@codex-analytics/events';
import { canLoadZodSync, loadZodAsync, TRACK_EVENTS_PATH } from '@codex-analytics/events';
import { AnalyticsReducer, currentRuntimeMetadata } from '@codex-analytics/reducer';
import type { AnalyticsReducerOptions } from '@codex-analytics/reducer';
import { createHttpTransport } from '@codex-analytics/transport';
import { ClientEmitter } from './client-events.js';
import { resolveClientLimits } from './client-limits.js';
import type { ClientLogger } from './client-logger.js';
import { defaultLogger } from './client-logger.js';
import type { AnalyticsEventsClientOptions, FactReducer } from './client-options.js';
import { DeliveryPipeline } from './delivery/delivery-pipeline.js';
import { FactRecorder } from './recording/fact-recorder.js';
import type { FactRecordingHeader } from './recording/fact-recorder.js';
import { createRequestIdentity, withRequestHeaders } from './request-headers.js';
import type { RequestIdentity } from './request-headers.js';
import { sleep as defaultSleep } from '@codex-analytics/transport';
import type { Sleep } from '@codex-analytics/transport';
import { formatCount, WarnEpisodes } from './delivery/warn-episodes.js';
import { validateBaseUrl } from './validate-base-url.js';
import { Warnings } from './warnings.js';

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** The reducer's own default originator, written into a recording's header. */
const DEFAULT_ORIGINATOR = 'codex_cli_rs';

/** What an enabled client holds: its worker, its listeners, its reducer and how it reads runtime metadata. */
export interface ClientRuntime {
  pipeline: DeliveryPipeline;
  emitter: ClientEmitter;
  runtimeMetadata: () => CodexRuntimeMetadata;
  reducer: FactReducer;
  logger: ClientLogger;
  /** Set by the `recordFacts` option. */
  recorder?: FactRecorder;
  /** The client's clock (epoch ms) and sleep, for the deadlines the client keeps outside its pipeline. */
  now: () => number;
  sleep: Sleep;
  /** The `originator` / `User-Agent` / residency headers of every request; named by the first initializing client. */
  identity: RequestIdentity;
}

/** The URL of the seed: `baseUrl` without trailing `/`, then `/codex/analytics-events/events`. */
export function trackEventsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${TRACK_EVENTS_PATH}`;
}

/** Wires an enabled client from its options, binding every default now (at construction). */
export function createClientRuntime(options: AnalyticsEventsClientOptions): ClientRuntime {
  if (typeof options.authManager?.auth !== 'function') throw new TypeError('AnalyticsEventsClient: authManager is required');
  validateBaseUrl(options.baseUrl);
  const limits = resolveClientLimits(options);
  loadSchemaLibrary();
  const logger = options.logger ?? defaultLogger();
  const now = options.now ?? (() => Date.now());
  const runtimeMetadata = runtimeMetadataSource(options);
  const episodes = new WarnEpisodes(logger, { now });
  const emitter = new ClientEmitter((name) =>
    episodes.occur(`listener:${name}`, 1, {
      first: () => `an analytics '${name}' listener threw; ignored`,
      summary: (total, since) => `an analytics '${name}' listener threw ${formatCount(total)} times since ${since}; ignored`,
    }),
  );
  const identity = createRequestIdentity({ originator: options.originator, runtimeMetadata, residency: options.residency });
  const transport = withRequestHeaders(
    options.transport ??
      createHttpTransport({
        dispatcher: options.dispatcher,
        timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        retry: false,
        now,
      }),
    () => identity.headers(),
  );
  const factClock: { atMs: number | undefined } = { atMs: undefined };
  const sleep = options.sleep ?? defaultSleep;
  const reducer = options.reducer ?? createDefaultReducer(options, () => factClock.atMs ?? now(), episodes);
  const pipeline = new DeliveryPipeline({
    authManager: options.authManager,
    transport,
    ownsTransport: options.transport === undefined,
    url: trackEventsUrl(options.baseUrl),
    reducer,
    limits,
    now,
    sleep,
    random: options.random ?? (() => Math.random()),
    logger,
    emitter,
    episodes,
    debug: options.debug === true,
    factClock,
    ...(typeof options.ingestToken === 'string' && options.ingestToken !== '' ? { ingestToken: options.ingestToken } : {}),
  });
  const runtime: ClientRuntime = { pipeline, emitter, runtimeMetadata, reducer, logger, identity, now, sleep };
  if (options.recordFacts !== undefined) {
    const recorder = new FactRecorder(options.recordFacts, recordingHeader(options, runtimeMetadata), new Warnings(logger));
    emitter.on('accepted', (event) => recorder.record(event));
    runtime.recorder = recorder;
  }
  return runtime;
}

/** What a replay needs besides the facts: the default reducer's originator and runtime (unknown with an injected reducer). */
function recordingHeader(options: AnalyticsEventsClientOptions, runtimeMetadata: () => CodexRuntimeMetadata): FactRecordingHeader {
  if (options.reducer !== undefined) return { codexAnalyticsFacts: 1, originator: null, runtime: null };
  let runtime: CodexRuntimeMetadata | null;
  try {
    runtime = runtimeMetadata();
  } catch {
    runtime = null;
  }
  const originator = options.reducerOptions?.originator ?? options.originator ?? DEFAULT_ORIGINATOR;
  return { codexAnalyticsFacts: 1, originator, runtime, wireEra: options.wireEra ?? options.reducerOptions?.wireEra ?? 'current' };
}

/**
 * Importing the client loads no zod, and neither does constructing it: a valid fact of a type with a generated
 * parser (every custom fact, `track*`'s included) is validated without it (`safeParseFact` of the facts package).
 * zod is loaded by the first fact that needs it (a rejected fact, to explain it; a protocol fact from the tap).
 * In a bundle that cannot `require` it, it cannot be loaded then, so the dynamic import (which bundlers follow)
 * loads it now, in the background.
 */
function loadSchemaLibrary(): void {
  if (!canLoadZodSync()) loadZodAsync().catch(() => undefined);
}

function runtimeMetadataSource(options: AnalyticsEventsClientOptions): () => CodexRuntimeMetadata {
  const { runtimeMetadata, codexVersion } = options;
  if (typeof runtimeMetadata === 'function') return runtimeMetadata;
  if (runtimeMetadata !== undefined) return () => runtimeMetadata;
  return () => currentRuntimeMetadata(codexVersion);
}

function createDefaultReducer(options: AnalyticsEventsClientOptions, now: () => number, episodes: WarnEpisodes): FactReducer {
  const reducerOptions: AnalyticsReducerOptions = {
    now: () => Math.max(0, Math.floor(now() / 1000)),
    nowMs: now,
    // The reducer's warnings repeat per fact (an unknown turn, an evicted connection): one line per kind per episode.
    logger: {
      warn: (message: string) =>
        episodes.occur(`reducer-warning:${message}`, 1, {
          first: () => message,
          summary: (total, since) => `${message} (${formatCount(total)} times since ${since})`,
        }),
    },
    runtimeMetadata: runtimeMetadataSource(options),
  };
  if (options.originator !== undefined) reducerOptions.originator = options.originator;
  if (options.wireEra !== undefined) reducerOptions.wireEra = options.wireEra;
  return new AnalyticsReducer({ ...reducerOptions, ...options.reducerOptions });
}
