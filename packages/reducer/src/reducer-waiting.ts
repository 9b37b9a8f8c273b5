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
