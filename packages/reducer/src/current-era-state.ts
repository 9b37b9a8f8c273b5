import type { TurnCodexErrorFact, TurnProfile } from '@codex-analytics/facts';

/** What today's thread events add, read from the thread response (`Thread.sessionId`, `forkedFromId`, `threadSource`). */
export interface ThreadToday {
  sessionId: string;
  forkedFromThreadId: string | null;
  /** The thread's own `threadSource` (null for a thread an app-server client started). */
  threadSource: string | null;
}

/** How many tool calls of each kind a turn made, counted from its `item/completed` notifications. */
export interface ToolCallCounts {
  total: number;
  shellCommand: number;
  fileChange: number;
  mcpToolCall: number;
  dynamicToolCall: number;
  subagentToolCall: number;
  webSearch: number;
  imageGeneration: number;
}

/** What today's turn event adds, read from the traffic while the turn ran. */
export interface TurnToday {
  rootTurnId: string | null;
  /** Codex core's profile of the turn (`trackTurnProfile`), when reported. */
  profile: TurnProfile | null;
  /** Codex core's classification of the turn's error (`trackTurnCodexError`), when reported. */
  codexError: TurnCodexErrorFact['error'] | null;
  counts: ToolCallCounts;
  /** Wall clock (ms) of the first `turn/interrupt` of the turn that was answered without an error. */
  interruptRequestedAtMs: number | null;
  /** The turn's model and reasoning effort (its resolved config), for its tool item events. */
  model: string | null;
  reasoningEffort: string | null;
}

export function emptyCounts(): ToolCallCounts {
  return { total: 0, shellCommand: 0, fileChange: 0, mcpToolCall: 0, dynamicToolCall: 0, subagentToolCall: 0, webSearch: 0, imageGeneration: 0 };
}

export function emptyTurnToday(): TurnToday {
  return { rootTurnId: null, profile: null, codexError: null, counts: emptyCounts(), interruptRequestedAtMs: null, model: null, reasoningEffort: null };
}
