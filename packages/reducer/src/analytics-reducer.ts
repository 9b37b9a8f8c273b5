import type { CodexRuntimeMetadata, TrackEventRequest, WireEra, WireEvent } from '@codex-analytics/events';
import {
  isThreadClientResponse,
  isTurnCompletedServerNotification,
  isTurnStartClientRequest,
  isTurnStartClientResponse,
  isTurnStartedServerNotification,
  isTurnSteerClientRequest,
  isTurnSteerClientResponse,
} from '@codex-analytics/facts';
import type {
  AnalyticsFact,
  ClientRequestFact,
  ClientResponseFact,
  CompactionFact,
  ErrorResponseFact,
  GuardianReviewFact,
  InitializeFact,
  NotificationFact,
  ThreadClientResponse,
} from '@codex-analytics/facts';
import { BoundedMap } from '@codex-analytics/internal/bounded-map';
import { appMentionedEvent, appUsedEvent, hookRunEvent, pluginStateEvent, pluginUsedEvent } from './build-custom-events.js';
import { compactionEvent, guardianReviewEvent, steerRejectionReason, turnSteerEvent } from './build-context-events.js';
import { subagentThreadStartedEvent, threadInitializedEvent } from './build-thread-events.js';
import { turnEvent } from './build-turn-event.js';
import { CurrentEraProjection } from './current-era-projection.js';
import { createGitLookup } from './git-lookup.js';
import type { GitLookup } from './git-lookup.js';
import { DEFAULT_REDUCER_LIMITS } from './reducer-options.js';
import type { AnalyticsReducerOptions, ReducerLimits, ReducerLogger } from './reducer-options.js';
import type { ConnectionState, PendingRequest, ThreadMetadata, TurnState } from './reducer-state.js';
import { DEFAULT_WAITING_LIMIT, reducerWaiting } from './reducer-waiting.js';
import type { AnalyticsReducerWaiting } from './reducer-waiting.js';
import { skillInvocationEvents } from './build-skill-events.js';
import { currentRuntimeMetadata } from './runtime-metadata.js';
import { defaultCanonicalize } from './skill-id.js';
import type { CanonicalizePath } from './skill-id.js';
import { reducerStats } from './reducer-stats.js';
import type { AnalyticsReducerStats } from './reducer-stats.js';
import { countInputImages, requestKey, turnCompletion } from './fact-keys.js';
import { threadLineageOf } from './thread-lineage.js';
import { toUnsigned } from './wire-time.js';

const DEFAULT_ORIGINATOR = 'codex_cli_rs';

const silentLogger: ReducerLogger = { warn: () => undefined };

const defaultNow = (): number => Math.max(0, Math.floor(Date.now() / 1000));

const INITIALIZATION_MODES = { 'thread/start': 'new', 'thread/resume': 'resumed', 'thread/fork': 'forked' } as const;

/** The events a reducer of `Era` emits: exactly the seed's types for `seed`, either era's otherwise. */
export type EventsOfEra<Era extends WireEra> = Era extends 'seed' ? TrackEventRequest : WireEvent;

/**
 * Turns a stream of facts into the analytics events of the Rust `codex-analytics` reducer, byte for byte.
 * Stateful and single-threaded: feed it facts one at a time, in order, and await each `ingest`.
 */
export class AnalyticsReducer<Era extends WireEra = 'current'> {
  readonly #now: () => number;
  readonly #originator: string;
  readonly #runtimeMetadata: () => CodexRuntimeMetadata;
  readonly #gitLookup: GitLookup;
  readonly #canonicalize: CanonicalizePath;
  readonly #logger: ReducerLogger;
  readonly #connections: BoundedMap<number, ConnectionState>;
  readonly #requests: BoundedMap<string, PendingRequest>;
  readonly #threadConnections: BoundedMap<string, number>;
  readonly #threadMetadata: BoundedMap<string, ThreadMetadata>;
  readonly #turns: BoundedMap<string, TurnState>;
  /** Today's wire format over the seed events; undefined for `wireEra: 'seed'`. */
  readonly #today: CurrentEraProjection | undefined;

  constructor(options: AnalyticsReducerOptions & { wireEra?: Era } = {}) {
    const limits: ReducerLimits = { ...DEFAULT_REDUCER_LIMITS, ...options.limits };
    this.#now = options.now ?? defaultNow;
    this.#originator = options.originator ?? DEFAULT_ORIGINATOR;
    const runtime = options.runtimeMetadata;
    this.#runtimeMetadata = typeof runtime === 'function' ? runtime : runtime ? () => runtime : () => currentRuntimeMetadata();
    this.#gitLookup = options.gitLookup ?? createGitLookup();
    this.#canonicalize = options.canonicalizePath ?? defaultCanonicalize;
    this.#logger = options.logger ?? silentLogger;
    this.#connections = new BoundedMap(limits.maxConnections);
    this.#requests = new BoundedMap(limits.maxPendingRequests);
    this.#threadConnections = new BoundedMap(limits.maxThreads);
    this.#threadMetadata = new BoundedMap(limits.maxThreads);
    this.#turns = new BoundedMap(limits.maxTurns);
    this.#today =
      options.wireEra === 'seed'
        ? undefined
        : new CurrentEraProjection({
            maxThreads: limits.maxThreads,
            maxTurns: limits.maxTurns,
            maxPendingRequests: limits.maxPendingRequests,
            nowMs: options.nowMs ?? (() => Date.now()),
            lookups: {
              connectionOfThread: (threadId) => {
                const connectionId = this.#threadConnections.get(threadId);
                return connectionId === undefined ? undefined : this.#connections.get(connectionId);
              },
              threadMetadata: (threadId) => this.#threadMetadata.get(threadId),
            },
          });
  }

  /**
   * Ingests one fact; resolves with the events it completes, in emission order (`[]` when none): in today's wire
   * format by default, in the seed's with `wireEra: 'seed'`.
   */
  async ingest(fact: AnalyticsFact): Promise<Array<EventsOfEra<Era>>> {
    const today = this.#today;
    if (today === undefined) return (await this.#ingestSeed(fact));
    const items = today.observe(fact);
    const events = await this.#ingestSeed(fact);
    if (items.length === 0 && events.length === 0) return [];
    const all: WireEvent[] = [...items, ...events.map((event) => today.project(event))];
    return all as Array<EventsOfEra<Era>>;
  }

  async #ingestSeed(fact: AnalyticsFact): Promise<TrackEventRequest[]> {
    switch (fact.type) {
      case 'initialize':
        this.#ingestInitialize(fact);
        return [];
      case 'client_request':
        this.#ingestRequest(fact);
        return [];
      case 'client_response':
        return this.#ingestResponse(fact);
      case 'error_response':
        return this.#ingestErrorResponse(fact);
      case 'notification':
        return this.#ingestNotification(fact);
      case 'skill_invoked':
        return skillInvocationEvents(fact, { gitLookup: this.#gitLookup, canonicalize: this.#canonicalize, originator: this.#originator });
      case 'app_mentioned':
        return fact.mentions.map((app) => appMentionedEvent(fact.tracking, app, this.#originator));
      case 'app_used':
        return [appUsedEvent(fact.tracking, fact.app, this.#originator)];
      case 'hook_run':
        return [hookRunEvent(fact.tracking, fact.hook)];
      case 'plugin_used':
        return [pluginUsedEvent(fact.tracking, fact.plugin, this.#originator)];
      case 'plugin_state_changed':
        return [pluginStateEvent(fact.plugin, fact.state, this.#originator)];
      case 'compaction':
        return this.#ingestCompaction(fact);
      case 'guardian_review':
        return this.#ingestGuardianReview(fact);
      case 'subagent_thread_started':
        return [subagentThreadStartedEvent(fact.input, this.#runtimeMetadata())];
      case 'turn_resolved_config': {
        const { config } = fact;
        const turn = this.#turn(config.turnId);
        turn.threadId = config.threadId;
        turn.numInputImages = config.numInputImages;
        turn.resolvedConfig = config;
        return this.#tryEmitTurn(config.turnId);
      }
      case 'turn_profile':
      case 'turn_codex_error':
        // Only today's turn event has a place for them (see the current-era projection).
        return [];
      case 'turn_token_usage': {
        const { usage } = fact;
        const turn = this.#turn(usage.turnId);
        turn.threadId = usage.threadId;
        turn.tokenUsage = usage.tokenUsage;
        return this.#tryEmitTurn(usage.turnId);
      }
    }
  }

  /** The sizes of the reducer's state, and how many entries its caps evicted. */
  stats(): AnalyticsReducerStats {
    return reducerStats({ connections: this.#connections, pendingRequests: this.#requests, threads: this.#threadMetadata, turns: this.#turns });
  }

  /**
   * What the reducer is still waiting for, so that nothing is pending without a reason: every turn being joined and
   * what its `codex_turn_event` still needs (`waitingFor`), and every `turn/start` or `turn/steer` request still
   * awaiting its response. `limit` (default 20) caps each list, least recently written first; the totals are exact.
   */
  waiting(limit = DEFAULT_WAITING_LIMIT): AnalyticsReducerWaiting {
    return reducerWaiting({
      turns: this.#turns,
      requests: this.#requests,
      hasConnection: (connectionId) => this.#connections.has(connectionId),
      hasThread: (threadId) => this.#threadMetadata.has(threadId),
      limit,
    });
  }

  #ingestInitialize(fact: InitializeFact): void {
    const { params } = fact;
    this.#connections.set(fact.connectionId, {
      appServerClient: {
        product_client_id: fact.productClientId,
        client_name: params.clientInfo.name,
        client_version: params.clientInfo.version,
        rpc_transport: fact.rpcTransport,
        experimental_api_enabled: params.capabilities === null ? null : params.capabilities.experimentalApi,
      },
      runtime: fact.runtime,
    });
  }

  #ingestRequest(fact: ClientRequestFact): void {
    const { request } = fact;
    const key = requestKey(fact.connectionId, fact.requestId);
    if (isTurnStartClientRequest(request)) {
      this.#requests.set(key, {
        kind: 'turn_start',
        connectionId: fact.connectionId,
        requestId: fact.requestId,
        threadId: request.params.threadId,
        numInputImages: countInputImages(request.params.input),
      });
    } else if (isTurnSteerClientRequest(request)) {
      this.#requests.set(key, {
        kind: 'turn_steer',
        connectionId: fact.connectionId,
        requestId: fact.requestId,
        threadId: request.params.threadId,
        expectedTurnId: request.params.expectedTurnId ?? null,
        numInputImages: countInputImages(request.params.input),
        createdAt: this.#now(),
      });
    }
  }

  #ingestResponse(fact: ClientResponseFact): TrackEventRequest[] {
    const { response } = fact;
    if (isThreadClientResponse(response)) return this.#ingestThreadResponse(fact.connectionId, response);
    if (isTurnStartClientResponse(response)) {
      const pending = this.#requests.take(requestKey(fact.connectionId, response.requestId));
      if (pending?.kind !== 'turn_start') return [];
      const turnId = response.response.turn.id;
      const turn = this.#turn(turnId);
      turn.connectionId = fact.connectionId;
      turn.threadId = pending.threadId;
      turn.numInputImages = pending.numInputImages;
      return this.#tryEmitTurn(turnId);
    }
    if (isTurnSteerClientResponse(response)) {
      const pending = this.#requests.take(requestKey(fact.connectionId, response.requestId));
      if (pending?.kind !== 'turn_steer') return [];
      const acceptedTurnId = response.response.turnId;
      const turn = this.#turns.get(acceptedTurnId);
      if (turn !== undefined) turn.steerCount += 1;
      return this.#steerEvent(fact.connectionId, pending, acceptedTurnId, null);
    }
    return [];
  }

  #ingestThreadResponse(connectionId: number, response: ThreadClientResponse): TrackEventRequest[] {
    const connection = this.#connections.get(connectionId);
    if (connection === undefined) return [];
    const { thread, model } = response.response;
    const metadata: ThreadMetadata = {
      ...threadLineageOf(thread.source),
      initializationMode: INITIALIZATION_MODES[response.method],
    };
    this.#threadConnections.set(thread.id, connectionId);
    this.#threadMetadata.set(thread.id, metadata);
    return [
      threadInitializedEvent({ thread, model, metadata, appServerClient: connection.appServerClient, runtime: connection.runtime }),
    ];
  }

  #ingestErrorResponse(fact: ErrorResponseFact): TrackEventRequest[] {
    const pending = this.#requests.take(requestKey(fact.connectionId, fact.requestId));
    if (pending?.kind !== 'turn_steer') return [];
    return this.#steerEvent(fact.connectionId, pending, null, fact.errorType);
  }

  #steerEvent(
    connectionId: number,
    pending: Extract<PendingRequest, { kind: 'turn_steer' }>,
    acceptedTurnId: string | null,
    errorType: ErrorResponseFact['errorType'],
  ): TrackEventRequest[] {
    const connection = this.#connections.get(connectionId);
    if (connection === undefined) return [];
    const thread = this.#threadMetadata.get(pending.threadId);
    if (thread === undefined) {
      this.#logger.warn('dropping turn steer analytics event: missing thread lifecycle metadata');
      return [];
    }
    return [
      turnSteerEvent({
        threadId: pending.threadId,
        expectedTurnId: pending.expectedTurnId,
        acceptedTurnId,
        numInputImages: pending.numInputImages,
        rejectionReason: acceptedTurnId === null ? steerRejectionReason(errorType) : null,
        createdAt: pending.createdAt,
        connection,
        thread,
      }),
    ];
  }

  #ingestNotification(fact: NotificationFact): TrackEventRequest[] {
    const { notification } = fact;
    if (isTurnStartedServerNotification(notification)) {
      const { turn } = notification.params;
      this.#turn(turn.id).startedAt = toUnsigned(turn.startedAt, null);
      return [];
    }
    if (isTurnCompletedServerNotification(notification)) {
      const { turn } = notification.params;
      this.#turn(turn.id).completed = turnCompletion(turn);
      return this.#tryEmitTurn(turn.id);
    }
    return [];
  }

  #ingestCompaction(fact: CompactionFact): TrackEventRequest[] {
    const { event } = fact;
    const connection = this.#connectionOfThread(event.threadId, 'compaction');
    if (connection === undefined) return [];
    const thread = this.#threadMetadata.get(event.threadId);
    if (thread === undefined) {
      this.#logger.warn('dropping compaction analytics event: missing thread lifecycle metadata');
      return [];
    }
    return [compactionEvent(event, connection, thread)];
  }

  #ingestGuardianReview(fact: GuardianReviewFact): TrackEventRequest[] {
    const connection = this.#connectionOfThread(fact.review.threadId, 'guardian');
    return connection === undefined ? [] : [guardianReviewEvent(fact.review, connection)];
  }

  #connectionOfThread(threadId: string, what: 'compaction' | 'guardian'): ConnectionState | undefined {
    const connectionId = this.#threadConnections.get(threadId);
    if (connectionId === undefined) {
      this.#logger.warn(`dropping ${what} analytics event: missing thread connection metadata`);
      return undefined;
    }
    const connection = this.#connections.get(connectionId);
    if (connection === undefined) {
      this.#logger.warn(`dropping ${what} analytics event: missing connection metadata`);
      return undefined;
    }
    return connection;
  }

  /** The state of a turn, created on first mention. */
  #turn(turnId: string): TurnState {
    let turn = this.#turns.get(turnId);
    if (turn === undefined) {
      turn = { steerCount: 0 };
      this.#turns.set(turnId, turn);
    }
    return turn;
  }

  /** Emits the turn event once everything it joins is known; the turn's state is then forgotten. */
  #tryEmitTurn(turnId: string): TrackEventRequest[] {
    const turn = this.#turns.get(turnId);
    if (turn === undefined) return [];
    const { threadId, numInputImages, resolvedConfig, completed, connectionId } = turn;
    if (threadId === undefined || numInputImages === undefined || resolvedConfig === undefined || completed === undefined) {
      return [];
    }
    if (connectionId === undefined) return [];
    const connection = this.#connections.get(connectionId);
    if (connection === undefined) {
      this.#logger.warn('dropping turn analytics event: missing connection metadata');
      return [];
    }
    const thread = this.#threadMetadata.get(threadId);
    if (thread === undefined) {
      this.#logger.warn('dropping turn analytics event: missing thread lifecycle metadata');
      return [];
    }
    this.#turns.delete(turnId);
    return [
      turnEvent({
        turnId,
        threadId,
        numInputImages,
        config: resolvedConfig,
        completed,
        startedAt: turn.startedAt ?? null,
        tokenUsage: turn.tokenUsage,
        steerCount: turn.steerCount,
        connection,
        thread,
      }),
    ];
  }
}
