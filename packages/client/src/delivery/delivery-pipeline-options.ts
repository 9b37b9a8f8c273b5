import type { AuthManager } from '@codex-analytics/auth';
import type { Sleep, Transport } from '@codex-analytics/transport';
import type { ClientEmitter } from '../client-events.js';
import type { ClientLimits } from '../client-limits.js';
import type { ClientLogger } from '../client-logger.js';
import type { FactReducer } from '../client-options.js';
import type { EventLoop } from './event-loop.js';
import type { WarnEpisodes } from './warn-episodes.js';

/** What a `DeliveryPipeline` is built from: the client's injected I/O, time, bounds and listeners. */
export interface DeliveryPipelineOptions {
  authManager: AuthManager;
  transport: Transport;
  /** Whether `shutdown` closes the transport (true when the client created it). */
  ownsTransport: boolean;
  url: string;
  reducer: FactReducer;
  limits: ClientLimits;
  now: () => number;
  sleep: Sleep;
  random: () => number;
  logger: ClientLogger;
  emitter: ClientEmitter;
  /** The client's warnings (shared with its listeners and reducer); default: a new one on `logger`. */
  episodes?: WarnEpisodes;
  /** Trace each accepted fact and emitted event to `logger.debug`. */
  debug?: boolean;
  /** Sent with every request (see `AnalyticsEventsClientOptions.ingestToken`). */
  ingestToken?: string;
  /**
   * Set to the clock (epoch ms) while a fact is reduced, so the default reducer's `now` and the `accepted` trace
   * (what a recording stores) read the same instant; `undefined` between facts.
   */
  factClock?: { atMs: number | undefined };
  /** How the worker yields and defers (default: Node's `setImmediate` and microtasks). */
  eventLoop?: EventLoop;
}
