import type { CodexRuntimeMetadata, WireEra } from '@codex-analytics/events';
import type { GitLookup } from './git-lookup.js';
import type { CanonicalizePath } from './skill-id.js';

/** Where the reducer's drop warnings go. */
export interface ReducerLogger {
  warn(message: string): void;
}

/**
 * Caps on the reducer's state. Each map evicts its least recently written entry when full (and counts it in
 * `AnalyticsReducer.stats()`), so a caller that never completes its turns cannot grow memory without limit.
 */
export interface ReducerLimits {
  /** Initialized app-server connections remembered. Default: 4096. */
  maxConnections: number;
  /** Pending `turn/start` and `turn/steer` requests awaiting their response. Default: 8192. */
  maxPendingRequests: number;
  /** Threads whose connection and lifecycle metadata is remembered. Default: 65536. */
  maxThreads: number;
  /** Turns being joined (waiting for their request, config or completion). Default: 8192. */
  maxTurns: number;
}

export const DEFAULT_REDUCER_LIMITS: Readonly<ReducerLimits> = Object.freeze({
  maxConnections: 4_096,
  maxPendingRequests: 8_192,
  maxThreads: 65_536,
  maxTurns: 8_192,
});

export interface AnalyticsReducerOptions {
  /** Wall clock in unix seconds, read for a steer's `created_at`. Default: `Math.floor(Date.now() / 1000)`. */
  now?: () => number;
  /** The product client id of this process, reported on skill, app and plugin events. Default: `codex_cli_rs`. */
  originator?: string;
  /** Runtime metadata for events built without a connection (sub-agent threads). Default: `currentRuntimeMetadata()`. */
  runtimeMetadata?: CodexRuntimeMetadata | (() => CodexRuntimeMetadata);
  /** Finds the repository of a skill file. Default: walks up to `.git` and asks git for the `origin` URL. */
  gitLookup?: GitLookup;
  /** Canonicalizes skill and repository paths. Default: `fs.realpathSync.native`, raw path on failure. */
  canonicalizePath?: CanonicalizePath;
  /** Receives the drop warnings. Default: silent. */
  logger?: ReducerLogger;
  /** Caps on the reducer's state. */
  limits?: Partial<ReducerLimits>;
  /**
   * Which wire format to emit: `current` (default), what the real Codex sends today (its key sets and order, per-item
   * tool events, tool counts, session ids); or `seed`, exactly what the Rust client of the seed (PR #18094) sent.
   */
  wireEra?: WireEra;
  /** Wall clock in milliseconds, for today's millisecond timestamps (a client's interrupt). Default: `Date.now()`. */
  nowMs?: () => number;
}
