import type {
  CodexAppServerClientMetadata,
  CodexErrorInfo,
  CodexRuntimeMetadata,
  ThreadInitializationMode,
  TurnStatus,
} from '@codex-analytics/events';
import type { RequestId, TokenUsage, TurnResolvedConfigFact } from '@codex-analytics/facts';
import type { ThreadLineage } from './thread-lineage.js';

/** What `initialize` told us about a connection. */
export interface ConnectionState {
  appServerClient: CodexAppServerClientMetadata;
  runtime: CodexRuntimeMetadata;
}

/** A `turn/start` or `turn/steer` request waiting for its response (`connectionId` and `requestId` say which one). */
export type PendingRequest =
  | { kind: 'turn_start'; connectionId: number; requestId: RequestId; threadId: string; numInputImages: number }
  | {
      kind: 'turn_steer';
      connectionId: number;
      requestId: RequestId;
      threadId: string;
      expectedTurnId: string | null;
      numInputImages: number;
      createdAt: number;
    };

/** Lifecycle metadata recorded when a thread response was seen on an initialized connection. */
export interface ThreadMetadata extends ThreadLineage {
  initializationMode: ThreadInitializationMode;
}

export interface TurnCompletion {
  status: TurnStatus | null;
  turnError: CodexErrorInfo | null;
  completedAt: number;
  durationMs: number | null;
}

/** Everything known so far about one turn; the turn event is emitted once all of it is there. */
export interface TurnState {
  connectionId?: number;
  threadId?: string;
  numInputImages?: number;
  resolvedConfig?: TurnResolvedConfigFact;
  startedAt?: number | null;
  tokenUsage?: TokenUsage;
  completed?: TurnCompletion;
  steerCount: number;
}
