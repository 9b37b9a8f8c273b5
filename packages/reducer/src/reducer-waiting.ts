import type { PendingRequest, TurnState } from './reducer-state.js';
import type { RequestId } from '@codex-analytics/facts';

/**
 * A fact a turn's `codex_turn_event` still needs (the reducer README's table says which `track*` call or tap
 * message supplies each):
 * - `turn_start_response`: the `turn/start` response that ties the turn to its connection (`trackResponse`);
 * - `initialize`: that connection's `initialize` (`trackInitialize`);
 * - `turn_resolved_config`: the configuration the turn ran with (`trackTurnResolvedConfig`);
 * - `turn_completed`: the `turn/completed` notification (`trackNotification`);
 * - `thread_response`: the `thread/start`, `thread/resume` or `thread/fork` response of the turn's thread, on an
 *   initialized connection (`trackResponse`).
 */
export type TurnWaitingFor = 'turn_start_response' | 'initialize' | 'turn_resolved_config' | 'turn_completed' | 'thread_response';

/** A turn being joined, and what its event still waits for. */
export interface WaitingTurn {
  turnId: string;
  /** `null` until a fact named the turn's thread. */
  threadId: string | null;
  waitingFor: TurnWaitingFor[];
}

/** A `turn/start` or `turn/steer` request still awaiting its response or error. */
export interface WaitingRequest {
  connectionId: number;
  requestId: RequestId;
  method: 'turn/start' | 'turn/steer';
  threadId: string;
  waitingFor: ['turn_start_response'] | ['turn_steer_response'];
}

/** `AnalyticsReducer.waiting()`: exact totals, and the first entries of each list (least recently written first). */
export interface AnalyticsReducerWaiting {
  /** Turns being joined. */
  turns: number;
  /** `turn/start` and `turn/steer` requests awaiting their response. */
  requests: number;
  waitingTurns: WaitingTurn[];
  waitingRequests: WaitingRequest[];
}

/** The reducer's state `reducerWaiting` reads. */
export interface WaitingSources {
  turns: { readonly size: number; entries(): IterableIterator<[string, TurnState]> };
  requests: { readonly size: number; entries(): IterableIterator<[string, PendingRequest]> };
  hasConnection: (connectionId: number) => boolean;
  hasThread: (threadId: string) => boolean;
  /** Caps each list (default 20); the totals are exact. */
  limit: number;
}

/** Default cap on each list of `waiting()`. */
export const DEFAULT_WAITING_LIMIT = 20;

/**
 * What the reducer is still waiting for: every turn being joined and what its `codex_turn_event` still needs, and
 * every `turn/start` or `turn/steer` request awaiting its response; each list least recently written first.
 */
export function reducerWaiting(sources: WaitingSources): AnalyticsReducerWaiting {
  const { limit } = sources;
  const max = Number.isSafeInteger(limit) && limit >= 0 ? limit : DEFAULT_WAITING_LIMIT;
  const turns: WaitingTurn[] = [];
  for (const [turnId, turn] of sources.turns.entries()) {
    if (turns.length >= max) break;
    turns.push({ turnId, threadId: turn.threadId ?? null, waitingFor: turnWaitsFor(turn, sources) });
  }
  const requests: WaitingRequest[] = [];
  for (const [, request] of sources.requests.entries()) {
    if (requests.length >= max) break;
    const start = request.kind === 'turn_start';
    requests.push({
      connectionId: request.connectionId,
      requestId: request.requestId,
      method: start ? 'turn/start' : 'turn/steer',
      threadId: request.threadId,
      waitingFor: [start ? 'turn_start_response' : 'turn_steer_response'],
    });
  }
  return { turns: sources.turns.size, requests: sources.requests.size, waitingTurns: turns, waitingRequests: requests };
}

/** The facts a turn's event still needs, in the order the reducer checks them before emitting it. */
function turnWaitsFor(turn: TurnState, sources: WaitingSources): TurnWaitingFor[] {
  const missing: TurnWaitingFor[] = [];
  if (turn.connectionId === undefined) missing.push('turn_start_response');
  else if (!sources.hasConnection(turn.connectionId)) missing.push('initialize');
  if (turn.resolvedConfig === undefined) missing.push('turn_resolved_config');
  if (turn.completed === undefined) missing.push('turn_completed');
  if (turn.threadId !== undefined && !sources.hasThread(turn.threadId)) missing.push('thread_response');
  return missing;
}
