import type { AuthManager } from '@codex-analytics/auth';
import type { CodexRuntimeMetadata, WireEra, WireEvent } from '@codex-analytics/events';
import type { AnalyticsFact } from '@codex-analytics/facts';
import type { AnalyticsReducerOptions, AnalyticsReducerWaiting } from '@codex-analytics/reducer';
import type { HttpTransportOptions, Transport } from '@codex-analytics/transport';
import type { ClientLimits } from './client-limits.js';
import type { RecordFactsOptions } from './recording/fact-recorder.js';
import type { ClientLogger } from './client-logger.js';
import type { Sleep } from '@codex-analytics/transport';

/** What the worker feeds facts into: `AnalyticsReducer` or a test double. */
export interface FactReducer {
  /** Events in emission order; `[]` when the fact emits nothing. */
  ingest(fact: AnalyticsFact): Promise<WireEvent[]>;
  /** What the reducer still waits for (`AnalyticsReducer.waiting`); without it `stats().waiting` is `null`. */
  waiting?(limit?: number): AnalyticsReducerWaiting;
}

/** Options of `new AnalyticsEventsClient(...)`. Only `authManager` and `baseUrl` are required. */
export interface AnalyticsEventsClientOptions extends Partial<ClientLimits> {
  /** Supplies the credentials and the `Authorization` value, asked once per batch. */
  authManager: AuthManager;
  /** The ChatGPT backend base URL, e.g. `https://chatgpt.com/backend-api/`; trailing `/` are removed. */
  baseUrl: string;
  /** Opt-out, as upstream: `false` makes a disabled client (see `AnalyticsEventsClient.disabled()`). Default: enabled. */
  analyticsEnabled?: boolean | null;
  /**
   * Sends the requests. Default: `createHttpTransport({ dispatcher, timeoutMs: requestTimeoutMs, retry: false })`,
   * closed by `shutdown()`. The client retries by itself; an injected transport that also retries multiplies attempts.
   */
  transport?: Transport;
  /** undici dispatcher for the default transport (e.g. a `MockAgent`). Ignored with `transport`. */
  dispatcher?: HttpTransportOptions['dispatcher'];
  /** One deadline per request over connect, headers and body (the seed's 10 s). Default: 10000. */
  requestTimeoutMs?: number;
  /** Clock in epoch milliseconds (backoff, deadlines; the default reducer gets it in seconds). Default: `Date.now()`. */
  now?: () => number;
  /** Waits for backoff and timeouts; must reject when its signal aborts. Default: an unref'd timer. */
  sleep?: Sleep;
  /** Jitter source in [0, 1). Default: `Math.random()`. */
  random?: () => number;
  /** Receives warnings. Default: stderr (in tests too: inject `silentLogger` for quiet). */
  logger?: ClientLogger;
  /**
   * Trace every fact accepted and every event emitted to `logger.debug` (types and sequence numbers, never values).
   * Default: false. For the values, subscribe to the `accepted` and `emitted` listeners instead.
   */
  debug?: boolean;
  /**
   * Append every accepted fact to an NDJSON file (`{ path, maxBytes = 64 MiB }`), with a header line holding the
   * originator and runtime, so `codex-analytics replay <file>` (or `replayFactRecording`) gives the same events.
   * Written in the background; `shutdown()` waits for the file. Default: off.
   */
  recordFacts?: RecordFactsOptions;
  /** Turns facts into events. Default: `new AnalyticsReducer({ now, originator, runtimeMetadata, logger, ...reducerOptions })`. */
  reducer?: FactReducer;
  /**
   * An ingest token for a collector run for a team (`--ingest-token-file` there), sent as
   * `x-codex-analytics-ingest-token` with every request and treated like the bearer: never logged, and redacted from
   * any text a response brings back. Default: none (the real backend needs none).
   */
  ingestToken?: string;
  /** Further options of the default reducer (git lookup, path canonicalization, state limits). */
  reducerOptions?: AnalyticsReducerOptions;
  /**
   * The wire format the default reducer emits: `current` (default), what the real Codex sends today (its key sets
   * and order, today's per-item tool events, tool counts, session ids); `seed`, exactly what the Rust client of the
   * seed sent. A caller's own `reducer` decides for itself.
   */
  wireEra?: WireEra;
  /**
   * The product client id of this process, given to the default reducer. Default: the reducer's (`codex_cli_rs`).
   * Also the `originator` header (and the User-Agent's first word) of every request; when unset, the first
   * `trackInitialize` names them after its `clientInfo` (name, and `(name; version)` at the end of the User-Agent),
   * as upstream's app server does.
   */
  originator?: string;
  /** Residency requirement (e.g. `us`), sent as the `x-openai-internal-codex-residency` header. Default: none. */
  residency?: string;
  /**
   * Runtime metadata captured by `trackInitialize` at call time (and given to the default reducer).
   * Default: `currentRuntimeMetadata(codexVersion)`.
   */
  runtimeMetadata?: CodexRuntimeMetadata | (() => CodexRuntimeMetadata);
  /** The Codex version reported in the default runtime metadata. Default: `0.0.0`. */
  codexVersion?: string;
}

/** Options of `flush()` and `shutdown()`. */
export interface DeliveryOptions {
  /** Longest wait. Default: 30000 for `flush`, 5000 for `shutdown`. */
  timeoutMs?: number;
}
