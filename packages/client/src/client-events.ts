import type { WireEvent } from '@codex-analytics/events';
import type { AnalyticsFact } from '@codex-analytics/facts';
import type { DropReason, FailReason } from './delivery/delivery-report.js';

/** A batch the backend accepted. */
export interface SentEvent {
  events: number;
  statusCode: number;
  /** 1 for a first try. */
  attempt: number;
}

/** A batch that will be tried again after `delayMs`. */
export interface RetryEvent {
  events: number;
  /** The attempt that just failed (1 for the first). */
  attempt: number;
  delayMs: number;
  statusCode?: number;
  retryAfterMs?: number;
  /** The transport's error message, when there was no response. */
  error?: string;
}

/** Facts or events dropped before being sent. */
export interface DroppedEvent {
  reason: DropReason;
  count: number;
  unit: 'fact' | 'event';
  /** For `invalid_fact`: the fact's `type` when it had one, and the first failing path (`tracking.turnId`, `(root)`). */
  factType?: string;
  path?: string;
  /** For `invalid_fact` and `reducer_error`: what was wrong, without field values or credentials. */
  message?: string;
}

/** Events that failed for good. */
export interface FailedEvent {
  reason: FailReason;
  events: number;
  statusCode?: number;
  message?: string;
}

/** A fact that passed validation and is being reduced (the trace; what a recording stores). */
export interface AcceptedEvent {
  /** The fact's enqueue number (1 for the client's first fact). */
  seq: number;
  /** The client clock (epoch ms) when the fact was reduced: the reducer's `now` for it. */
  atMs: number;
  /** The parsed fact, as the reducer got it. Do not mutate it. */
  fact: AnalyticsFact;
}

/** An event the reducer emitted (the trace). */
export interface EmittedEvent {
  /** The enqueue number of the fact that completed it. */
  seq: number;
  event: WireEvent;
}

/** The pending work fell back to the low-water mark after reaching the high-water mark (see `drained()`). */
export interface DrainEvent {
  /** Facts and events still pending. */
  pending: number;
}

/** The client's typed events, for `client.on(name, listener)`. */
export interface ClientEventMap {
  sent: SentEvent;
  retry: RetryEvent;
  dropped: DroppedEvent;
  failed: FailedEvent;
  accepted: AcceptedEvent;
  emitted: EmittedEvent;
  drain: DrainEvent;
}

export type ClientEventName = keyof ClientEventMap;
export type ClientListener<K extends ClientEventName> = (event: ClientEventMap[K]) => void;

/**
 * Listeners by event name. A listener that throws is caught and reported to `onListenerError`; it never
 * reaches the client's caller or becomes an unhandled rejection.
 */
export class ClientEmitter {
  readonly #listeners: { [K in ClientEventName]: Set<ClientListener<K>> } = {
    sent: new Set(),
    retry: new Set(),
    dropped: new Set(),
    failed: new Set(),
    accepted: new Set(),
    emitted: new Set(),
    drain: new Set(),
  };
  readonly #onListenerError: (name: ClientEventName, error: unknown) => void;

  constructor(onListenerError: (name: ClientEventName, error: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  on<K extends ClientEventName>(name: K, listener: ClientListener<K>): () => void {
    const listeners = this.#listeners[name] as Set<ClientListener<K>>;
    // Wrapped so the same function registered twice gets two independent subscriptions.
    const entry: ClientListener<K> = (event) => listener(event);
    listeners.add(entry);
    return () => {
      listeners.delete(entry);
    };
  }

  /** Whether anyone listens: lets hot paths skip building an event object. */
  has(name: ClientEventName): boolean {
    return this.#listeners[name].size > 0;
  }

  emit<K extends ClientEventName>(name: K, event: ClientEventMap[K]): void {
    const listeners = this.#listeners[name] as Set<ClientListener<K>>;
    if (listeners.size === 0) return;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#onListenerError(name, error);
      }
    }
  }
}
