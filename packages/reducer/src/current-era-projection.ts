import type { CurrentTrackEventRequest, TrackEventRequest } from '@codex-analytics/events';
import type { AnalyticsFact, RequestId } from '@codex-analytics/facts';
import { BoundedMap } from '@codex-analytics/internal/bounded-map';
import { currentCompaction, currentThreadInitialized, currentTurnEvent, currentTurnSteer, withParams } from './build-current-events.js';
import { countToolItem, toolItemEvent } from './build-tool-item-event.js';
import { emptyTurnToday } from './current-era-state.js';
import type { ThreadToday, TurnToday } from './current-era-state.js';
import type { ConnectionState, ThreadMetadata } from './reducer-state.js';

/** What the projection asks of the reducer: the connection and lineage it already keeps for a thread. */
export interface ReducerLookups {
  connectionOfThread(threadId: string): ConnectionState | undefined;
  threadMetadata(threadId: string): ThreadMetadata | undefined;
}

const get = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function interruptKey(connectionId: number, requestId: RequestId): string {
  return typeof requestId === 'number' ? `${connectionId}:n:${requestId}` : `${connectionId}:s:${requestId}`;
}

/**
 * Today's wire format (`wireEra: 'current'`) on top of the seed reducer: it reads what the traffic adds (the thread
 * response's session, fork origin and source; each turn's root turn, tool calls and client interrupt; the turn's
 * `cacheWriteInputTokens`), turns each seed event into today's shape, and emits today's per-item events from
 * `item/completed` notifications. Its state is bounded like the reducer's.
 */
export class CurrentEraProjection {
  readonly #threads: BoundedMap<string, ThreadToday>;
  readonly #turns: BoundedMap<string, TurnToday>;
  readonly #interrupts: BoundedMap<string, { turnId: string; atMs: number }>;
  readonly #cacheWrites: BoundedMap<string, number>;
  readonly #nowMs: () => number;
  readonly #lookups: ReducerLookups;

  constructor(options: { maxThreads: number; maxTurns: number; maxPendingRequests: number; nowMs: () => number; lookups: ReducerLookups }) {
    this.#threads = new BoundedMap(options.maxThreads);
    this.#turns = new BoundedMap(options.maxTurns);
    this.#interrupts = new BoundedMap(options.maxPendingRequests);
    this.#cacheWrites = new BoundedMap(options.maxTurns);
    this.#nowMs = options.nowMs;
    this.#lookups = options.lookups;
  }

  /** Reads what `fact` adds for today's events (before the seed reducer ingests it); today's item events it completes. */
  observe(fact: AnalyticsFact): CurrentTrackEventRequest[] {
    switch (fact.type) {
      case 'client_response':
        this.#observeResponse(fact.connectionId, fact.response);
        return [];
      case 'client_request': {
        const request = fact.request as unknown;
        if (get(request, 'method') === 'turn/interrupt') {
          const turnId = str(get(get(request, 'params'), 'turnId'));
          if (turnId !== null) this.#interrupts.set(interruptKey(fact.connectionId, fact.requestId), { turnId, atMs: this.#nowMs() });
        }
        return [];
      }
      case 'error_response':
        this.#interrupts.delete(interruptKey(fact.connectionId, fact.requestId));
        return [];
      case 'turn_resolved_config': {
        const turn = this.#turn(fact.config.turnId);
        turn.model = fact.config.model;
        turn.reasoningEffort = typeof fact.config.reasoningEffort === 'string' ? fact.config.reasoningEffort : null;
        return [];
      }
      case 'turn_profile':
        this.#turn(fact.profile.turnId).profile = fact.profile.profile;
        return [];
      case 'turn_codex_error':
        this.#turn(fact.error.turnId).codexError = fact.error.error;
        return [];
      case 'turn_token_usage': {
        const cacheWrite = get(fact.usage.tokenUsage, 'cacheWriteInputTokens');
        if (typeof cacheWrite === 'number' && Number.isSafeInteger(cacheWrite)) this.#cacheWrites.set(fact.usage.turnId, cacheWrite);
        return [];
      }
      case 'notification':
        return this.#observeNotification(fact.notification.method, fact.notification.params);
      default:
        return [];
    }
  }

  /** The seed event in today's shape (and the turn's state forgotten once its turn event is out). */
  project(event: TrackEventRequest): TrackEventRequest | CurrentTrackEventRequest {
    const params = event.event_params as Record<string, unknown>;
    const threadId = str(params.thread_id);
    const thread = threadId === null ? undefined : this.#threads.get(threadId);
    switch (event.event_type) {
      case 'codex_thread_initialized':
        return withParams(event, currentThreadInitialized(params, thread));
      case 'codex_turn_steer_event':
        return withParams(event, currentTurnSteer(params, thread));
      case 'codex_compaction_event':
        return withParams(event, currentCompaction(params, thread));
      case 'codex_turn_event': {
        const turnId = String(params.turn_id);
        const turn = this.#turns.get(turnId) ?? emptyTurnToday();
        const cacheWrite = this.#cacheWrites.get(turnId) ?? 0;
        this.#turns.delete(turnId);
        this.#cacheWrites.delete(turnId);
        return withParams(event, currentTurnEvent(params, thread, turn, cacheWrite));
      }
      default:
        return event;
    }
  }

  #observeResponse(connectionId: number, response: unknown): void {
    const method = get(response, 'method');
    if (method === 'thread/start' || method === 'thread/resume' || method === 'thread/fork') {
      const thread = get(get(response, 'response'), 'thread');
      const threadId = str(get(thread, 'id'));
      if (threadId === null) return;
      this.#threads.set(threadId, {
        sessionId: str(get(thread, 'sessionId')) ?? threadId,
        forkedFromThreadId: str(get(thread, 'forkedFromId')),
        threadSource: str(get(thread, 'threadSource')),
      });
      return;
    }
    if (method === 'turn/interrupt') {
      const requestId = (get(response, 'requestId') ?? get(response, 'id')) as RequestId | undefined;
      if (requestId === undefined) return;
      const interrupt = this.#interrupts.get(interruptKey(connectionId, requestId));
      this.#interrupts.delete(interruptKey(connectionId, requestId));
      if (interrupt === undefined) return;
      const turn = this.#turn(interrupt.turnId);
      turn.interruptRequestedAtMs ??= interrupt.atMs;
    }
  }

  #observeNotification(method: string, params: unknown): CurrentTrackEventRequest[] {
    if (method === 'turn/started' || method === 'turn/completed') {
      const turn = get(params, 'turn');
      const turnId = str(get(turn, 'id'));
      const rootTurnId = str(get(turn, 'rootTurnId'));
      if (turnId !== null && rootTurnId !== null) this.#turn(turnId).rootTurnId = rootTurnId;
      return [];
    }
    if (method !== 'item/completed') return [];
    const threadId = str(get(params, 'threadId'));
    const turnId = str(get(params, 'turnId'));
    const item = get(params, 'item');
    if (threadId === null || turnId === null) return [];
    const turn = this.#turn(turnId);
    countToolItem(turn.counts, get(item, 'type'));
    const connection = this.#lookups.connectionOfThread(threadId);
    const thread = this.#lookups.threadMetadata(threadId);
    if (connection === undefined || thread === undefined) return [];
    const event = toolItemEvent(item, { threadId, turnId, connection, thread, threadToday: this.#threads.get(threadId), turnToday: turn });
    return event === undefined ? [] : [event];
  }

  #turn(turnId: string): TurnToday {
    let turn = this.#turns.get(turnId);
    if (turn === undefined) {
      turn = emptyTurnToday();
      this.#turns.set(turnId, turn);
    }
    return turn;
  }
}
