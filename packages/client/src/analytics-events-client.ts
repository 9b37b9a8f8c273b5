import { createStaticAuthManager } from '@codex-analytics/auth';
import type { AppServerRpcTransport, CodexRuntimeMetadata } from '@codex-analytics/events';
import type {
  AnalyticsFact,
  AnalyticsJsonRpcError,
  AppInvocation,
  AppMentionedFact,
  AppUsedFact,
  ClientRequestFact,
  ClientResponseFactInput,
  CompactionFact,
  ErrorResponseFact,
  GuardianReviewFact,
  HookRunAnalyticsFact,
  InitializeFact,
  NotificationFact,
  PluginStateChangedFact,
  PluginUsedFact,
  SkillInvokedFact,
  SubagentThreadStartedFact,
  TurnCodexErrorAnalyticsFact,
  TurnProfileAnalyticsFact,
  TurnResolvedConfigAnalyticsFact,
  TurnTokenUsageAnalyticsFact,
  ClientRequest,
  ClientResponseInput,
  CodexCompactionEvent,
  GuardianReviewEventParams,
  HookRunFact,
  InitializeParams,
  JSONRPCErrorError,
  PluginState,
  PluginTelemetryMetadata,
  RequestId,
  ServerNotification,
  SkillInvocation,
  SubAgentThreadStartedInput,
  TrackEventsContext,
  TurnCodexErrorFact,
  TurnProfileFact,
  TurnResolvedConfigFact,
  TurnTokenUsageFact,
} from '@codex-analytics/facts';
import type { ClientListener, ClientEventName } from './client-events.js';
import type { AnalyticsEventsClientOptions, DeliveryOptions } from './client-options.js';
import { registerClientRuntime } from './client-internals.js';
import { createClientRuntime } from './create-client-runtime.js';
import type { ClientRuntime } from './create-client-runtime.js';
import { DedupeKeys } from './dedupe-keys.js';
import type { ClientStats, DeliveryReport } from './delivery/delivery-report.js';
import type { AnalyticsReducerWaiting } from '@codex-analytics/reducer';
import { startDeadline } from './start-deadline.js';
import { appUsedDedupeId, pluginUsedDedupeId, turnIdOf } from './dedupe-ids.js';
import { propertyOf } from './property-of.js';

const DEFAULT_FLUSH_TIMEOUT_MS = 30_000;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 5_000;
const STATS_WAITING_LIMIT = 10;
const emptyReport = (): DeliveryReport => ({ sent: 0, failed: 0, dropped: {}, pending: 0 });

/**
 * Records Codex analytics facts and delivers the events they produce to the ChatGPT backend.
 *
 * Every `track*` method takes the Rust client's arguments in the same order, returns at once, never throws and
 * never waits for I/O: it builds the fact (keeping references to the arguments, which must not be mutated
 * afterwards) and puts it in a bounded queue. A worker validates, reduces, batches and sends in the background;
 * `flush()` and `shutdown()` wait for it and report what happened.
 */
export class AnalyticsEventsClient {
  readonly #runtime: ClientRuntime | undefined;
  readonly #appUsedKeys = new DedupeKeys();
  readonly #pluginUsedKeys = new DedupeKeys();
  #shutdown: Promise<DeliveryReport> | undefined;

  constructor(options: AnalyticsEventsClientOptions) {
    this.#runtime = options.analyticsEnabled === false ? undefined : createClientRuntime(options);
    if (this.#runtime !== undefined) registerClientRuntime(this, this.#runtime);
  }

  /** A client that records nothing: every `track*` is a no-op, nothing is spawned or sent. */
  static disabled(): AnalyticsEventsClient {
    return new AnalyticsEventsClient({ authManager: createStaticAuthManager(undefined), baseUrl: '', analyticsEnabled: false });
  }

  /** False for a disabled client. */
  get enabled(): boolean {
    return this.#runtime !== undefined;
  }

  trackSkillInvocations(tracking: TrackEventsContext, invocations: SkillInvocation[]): void {
    if (isEmptyArray(invocations)) return;
    this.#enqueue({ type: 'skill_invoked', tracking, invocations } satisfies SkillInvokedFact);
  }

  /** Captures the runtime metadata (`runtimeMetadata` option, or this process's) at call time. */
  trackInitialize(
    connectionId: number,
    params: InitializeParams,
    productClientId: string,
    rpcTransport: AppServerRpcTransport,
  ): void {
    const runtime = this.#runtime;
    if (runtime === undefined) return;
    claimIdentity(runtime.identity, params);
    let metadata: CodexRuntimeMetadata;
    try {
      metadata = runtime.runtimeMetadata();
    } catch {
      runtime.pipeline.rejectCall();
      return;
    }
    this.#enqueue({ type: 'initialize', connectionId, params, productClientId, runtime: metadata, rpcTransport } satisfies InitializeFact);
  }

  trackSubagentThreadStarted(input: SubAgentThreadStartedInput): void {
    this.#enqueue({ type: 'subagent_thread_started', input } satisfies SubagentThreadStartedFact);
  }

  trackGuardianReview(input: GuardianReviewEventParams): void {
    this.#enqueue({ type: 'guardian_review', review: input } satisfies GuardianReviewFact);
  }

  trackAppMentioned(tracking: TrackEventsContext, mentions: AppInvocation[]): void {
    if (isEmptyArray(mentions)) return;
    this.#enqueue({ type: 'app_mentioned', tracking, mentions } satisfies AppMentionedFact);
  }

  trackRequest(connectionId: number, requestId: RequestId, request: ClientRequest): void {
    this.#enqueue({ type: 'client_request', connectionId, requestId, request } satisfies ClientRequestFact);
  }

  /** Deduped per turn by connector id; an app without a connector id is always recorded. */
  trackAppUsed(tracking: TrackEventsContext, app: AppInvocation): void {
    if (this.#runtime === undefined) return;
    const fact = { type: 'app_used', tracking, app } satisfies AppUsedFact;
    if (this.#firstAppUse(fact)) this.#enqueue(fact);
  }

  trackHookRun(tracking: TrackEventsContext, hook: HookRunFact): void {
    this.#enqueue({ type: 'hook_run', tracking, hook } satisfies HookRunAnalyticsFact);
  }

  /** Deduped per turn by plugin key (`name@marketplace`). */
  trackPluginUsed(tracking: TrackEventsContext, plugin: PluginTelemetryMetadata): void {
    if (this.#runtime === undefined) return;
    const fact = { type: 'plugin_used', tracking, plugin } satisfies PluginUsedFact;
    if (this.#firstPluginUse(fact)) this.#enqueue(fact);
  }

  trackCompaction(event: CodexCompactionEvent): void {
    this.#enqueue({ type: 'compaction', event } satisfies CompactionFact);
  }

  trackTurnResolvedConfig(fact: TurnResolvedConfigFact): void {
    this.#enqueue({ type: 'turn_resolved_config', config: fact } satisfies TurnResolvedConfigAnalyticsFact);
  }

  trackTurnTokenUsage(fact: TurnTokenUsageFact): void {
    this.#enqueue({ type: 'turn_token_usage', usage: fact } satisfies TurnTokenUsageAnalyticsFact);
  }

  /** Codex core's profile of a turn (timings, critical path): today's turn event reports it. Record it before `turn/completed`. */
  trackTurnProfile(fact: TurnProfileFact): void {
    this.#enqueue({ type: 'turn_profile', profile: fact } satisfies TurnProfileAnalyticsFact);
  }

  /** Codex core's classification of a turn's error: today's turn event reports it. Record it before `turn/completed`. */
  trackTurnCodexError(fact: TurnCodexErrorFact): void {
    this.#enqueue({ type: 'turn_codex_error', error: fact } satisfies TurnCodexErrorAnalyticsFact);
  }

  trackPluginInstalled(plugin: PluginTelemetryMetadata): void {
    this.#pluginState(plugin, 'installed');
  }

  trackPluginUninstalled(plugin: PluginTelemetryMetadata): void {
    this.#pluginState(plugin, 'uninstalled');
  }

  trackPluginEnabled(plugin: PluginTelemetryMetadata): void {
    this.#pluginState(plugin, 'enabled');
  }

  trackPluginDisabled(plugin: PluginTelemetryMetadata): void {
    this.#pluginState(plugin, 'disabled');
  }

  /** `response` carries its request's id as `id` (as the protocol has it) or `requestId`. */
  trackResponse(connectionId: number, response: ClientResponseInput): void {
    this.#enqueue({ type: 'client_response', connectionId, response } satisfies ClientResponseFactInput);
  }

  /** `errorType` is the caller's classification of the error, or `null`/omitted when it has none. */
  trackErrorResponse(
    connectionId: number,
    requestId: RequestId,
    error: JSONRPCErrorError,
    errorType?: AnalyticsJsonRpcError | null,
  ): void {
    const fact = { type: 'error_response', connectionId, requestId, error, errorType: errorType ?? null } satisfies ErrorResponseFact;
    this.#enqueue(fact);
  }

  trackNotification(notification: ServerNotification): void {
    this.#enqueue({ type: 'notification', notification } satisfies NotificationFact);
  }

  /** Records a prebuilt fact. App-used and plugin-used facts are deduped exactly as by their `track*` methods. */
  trackFact(fact: AnalyticsFact): void {
    if (this.#runtime === undefined) return;
    const candidate: unknown = fact;
    let type: unknown;
    try {
      type = propertyOf(candidate, 'type');
    } catch {
      this.#runtime.pipeline.rejectCall();
      return;
    }
    if (type === 'app_used' && !this.#firstAppUse(candidate)) return;
    if (type === 'plugin_used' && !this.#firstPluginUse(candidate)) return;
    this.#enqueue(candidate);
  }

  /**
   * Resolves when every fact recorded before the call has been sent, failed for good or been dropped, or when
   * `timeoutMs` (default 30000) passes; concurrent flushes share the same work. Never rejects.
   */
  flush(options?: DeliveryOptions): Promise<DeliveryReport> {
    const runtime = this.#runtime;
    if (runtime === undefined) return Promise.resolve(emptyReport());
    return runtime.pipeline.flush(timeoutOf(options, DEFAULT_FLUSH_TIMEOUT_MS));
  }

  /**
   * Stops accepting facts (later `track*` calls are counted as `shutdown` drops), delivers what is pending under
   * one deadline (`timeoutMs`, default 5000) that covers retries, aborts what is still in flight at the deadline,
   * closes the transport the client created, and resolves with the final report. Idempotent: later calls return
   * the same promise. Never rejects.
   */
  shutdown(options?: DeliveryOptions): Promise<DeliveryReport> {
    const runtime = this.#runtime;
    if (runtime === undefined) return Promise.resolve(emptyReport());
    if (this.#shutdown !== undefined) return this.#shutdown;
    const timeoutMs = timeoutOf(options, DEFAULT_SHUTDOWN_TIMEOUT_MS);
    // The recording is written within the same deadline, whatever the file does: timed from the call.
    const deadline = runtime.recorder === undefined ? undefined : startDeadline(timeoutMs, runtime.sleep);
    this.#shutdown = runtime.pipeline.shutdown(timeoutMs).then(async (report) => {
      this.#warnIfWaiting(runtime);
      if (runtime.recorder !== undefined && deadline !== undefined) await deadline.race(runtime.recorder.close());
      return report;
    });
    return this.#shutdown;
  }

  /**
   * Backpressure for bulk producers (replay, tests, batch tools), as Node streams' `write()` returning false:
   * true once the pending work reaches half of the client's bounds (`maxPendingFacts`, `maxPendingBytes`),
   * until it falls back to a quarter. A producer that waits while it is true never loses facts to `queue_full`.
   * Always false for a disabled client. `track*` never waits by itself.
   */
  get needsDrain(): boolean {
    return this.#runtime?.pipeline.needsDrain ?? false;
  }

  /**
   * Resolves at once while `needsDrain` is false, else when the pending work has drained to the low-water mark
   * (the `'drain'` event) or the client has stopped. Never rejects. In a loop:
   * `client.trackFact(fact); if (client.needsDrain) await client.drained();`
   */
  drained(): Promise<void> {
    return this.#runtime?.pipeline.drained() ?? Promise.resolve();
  }

  /** No silent nothing: turns that never got every fact their event needs are named once, at shutdown. */
  #warnIfWaiting(runtime: ClientRuntime): void {
    const waiting = this.waiting(STATS_WAITING_LIMIT);
    if (waiting === null || waiting.turns === 0) return;
    const missing = new Map<string, number>();
    for (const turn of waiting.waitingTurns) for (const fact of turn.waitingFor) missing.set(fact, (missing.get(fact) ?? 0) + 1);
    const reasons = [...missing].map(([fact, count]) => `${fact} ${count}`).join(', ');
    const listed = waiting.waitingTurns.length < waiting.turns ? ` (first ${waiting.waitingTurns.length})` : '';
    try {
      runtime.logger.warn(
        `analytics: ${waiting.turns} turn(s) never got every fact their codex_turn_event needs, so none was sent; ` +
          `missing${listed}: ${reasons}. The reducer README says which track* call or app-server message supplies each.`,
      );
    } catch {
      // A logger that throws must not break shutdown.
    }
  }

  /** Running totals, current buffer sizes, and what the reducer still waits for (`waiting`, bounded). */
  stats(): ClientStats {
    const runtime = this.#runtime;
    if (runtime === undefined) {
      return {
        ...emptyReport(),
        enqueued: 0,
        reducedFacts: 0,
        emittedEvents: 0,
        failedByReason: {},
        queuedFacts: 0,
        queuedBytes: 0,
        bufferedEvents: 0,
        bufferedBytes: 0,
        inFlightRequests: 0,
        requests: 0,
        retries: 0,
        waiting: null,
      };
    }
    return { ...runtime.pipeline.stats(), waiting: this.waiting(STATS_WAITING_LIMIT) };
  }

  /**
   * What the reducer still waits for: every turn being joined and which facts its `codex_turn_event` lacks
   * (`{ turnId, threadId, waitingFor: ['turn_resolved_config'] }`), and every `turn/start` or `turn/steer` request
   * awaiting its response; up to `limit` (default 20) of each, with exact totals. Facts still queued are not reduced
   * yet, so `flush()` first for a settled answer. `null` for a disabled client or a reducer that cannot say.
   */
  waiting(limit?: number): AnalyticsReducerWaiting | null {
    const reducer = this.#runtime?.reducer;
    if (reducer?.waiting === undefined) return null;
    try {
      return reducer.waiting(limit);
    } catch {
      return null;
    }
  }

  /** Subscribes to `sent`, `retry`, `dropped`, `failed` or `drain`; returns the unsubscribe function. */
  on<K extends ClientEventName>(name: K, listener: ClientListener<K>): () => void {
    const runtime = this.#runtime;
    if (runtime === undefined) return () => undefined;
    return runtime.emitter.on(name, listener);
  }

  #enqueue(fact: unknown): void {
    const runtime = this.#runtime;
    if (runtime === undefined) return;
    try {
      runtime.pipeline.enqueue(fact);
    } catch {
      // Only arguments that throw when read (getters, proxies) get here.
      runtime.pipeline.rejectCall();
    }
  }

  #pluginState(plugin: PluginTelemetryMetadata, state: PluginState): void {
    this.#enqueue({ type: 'plugin_state_changed', plugin, state } satisfies PluginStateChangedFact);
  }

  // Dedupe runs before the enqueue, as upstream: a key is consumed even if the fact is then dropped. Arguments
  // too malformed to give a key are not deduped; the worker's validation drops and reports them.
  #firstAppUse(fact: unknown): boolean {
    try {
      const connectorId = appUsedDedupeId(propertyOf(fact, 'app'));
      const turnId = turnIdOf(propertyOf(fact, 'tracking'));
      if (connectorId === undefined || turnId === undefined) return true;
      return this.#appUsedKeys.insert(turnId, connectorId);
    } catch {
      return true;
    }
  }

  #firstPluginUse(fact: unknown): boolean {
    try {
      const key = pluginUsedDedupeId(propertyOf(fact, 'plugin'));
      const turnId = turnIdOf(propertyOf(fact, 'tracking'));
      if (key === undefined || turnId === undefined) return true;
      return this.#pluginUsedKeys.insert(turnId, key);
    } catch {
      return true;
    }
  }
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

function timeoutOf(options: DeliveryOptions | undefined, fallback: number): number {
  const timeoutMs = options?.timeoutMs;
  return typeof timeoutMs === 'number' && timeoutMs >= 0 ? timeoutMs : fallback;
}

/** The first initializing client names the request identity (`originator`, User-Agent); bad params are ignored here. */
function claimIdentity(identity: { claim(clientInfo: { name?: unknown; version?: unknown } | undefined): void }, params: unknown): void {
  try {
    const clientInfo = (params as { clientInfo?: unknown } | null | undefined)?.clientInfo;
    identity.claim(typeof clientInfo === 'object' && clientInfo !== null ? clientInfo : undefined);
  } catch {
    // A hostile params object (a throwing getter) must not reach the caller.
  }
}

