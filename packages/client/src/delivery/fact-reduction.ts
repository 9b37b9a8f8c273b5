import type { AnalyticsFact } from '@codex-analytics/facts';
import type { ClientEmitter } from '../client-events.js';
import type { ClientLogger } from '../client-logger.js';
import type { FactReducer } from '../client-options.js';
import { reduceFact } from './reduce-fact.js';
import type { ReduceFactContext, ReduceOutcome } from './reduce-fact.js';

export interface FactReductionOptions {
  reducer: FactReducer;
  now: () => number;
  logger: ClientLogger;
  emitter: ClientEmitter;
  /** Trace each accepted fact and emitted event to `logger.debug`. */
  debug?: boolean;
  /** Set to the clock while a fact is reduced (see `DeliveryPipelineOptions.factClock`). */
  factClock?: { atMs: number | undefined };
  /** Yields to the event loop inside a long fact. */
  yieldToEventLoop: () => Promise<void>;
  /** Receives a fact's serialized events and their UTF-8 sizes, with the fact's seq. */
  onEvents: (events: string[], sizes: number[], seq: number) => void;
}

/**
 * Reduces one fact at a time in dequeue order and numbers it: the fact being reduced (its seq, the time it left the
 * queue) is known from `start` until `finish`, so its events, its `accepted` and `emitted` listener calls and its
 * debug trace carry the same seq and instant.
 */
export class FactReduction {
  readonly #options: FactReductionOptions;
  /**
   * The two contexts every fact is reduced in, made once (no closures per fact): with `onAccepted` while a trace or an
   * `accepted` listener wants the parsed fact, without it otherwise. Both read the fact's seq from `#reducing`.
   */
  readonly #contexts: { plain: ReduceFactContext; accepting: ReduceFactContext };
  /** Facts taken out of the queue so far. */
  #dequeued = 0;
  /** The enqueue number of the fact being reduced. */
  #reducing: number | undefined;
  /** When the fact being reduced left the queue (the time its `accepted` event carries). */
  #reducingAtMs = 0;

  constructor(options: FactReductionOptions) {
    this.#options = options;
    this.#contexts = this.#makeContexts();
  }

  /** Facts taken off the queue so far (the seq of the newest). */
  get dequeued(): number {
    return this.#dequeued;
  }

  /** The seq of the fact being reduced, if one is. */
  get reducing(): number | undefined {
    return this.#reducing;
  }

  /**
   * Starts reducing a fact just taken off the queue (its seq in `reducing` until `finish`). Not an async function:
   * the worker awaits the reduction itself, one promise per fact fewer.
   */
  start(fact: unknown): Promise<ReduceOutcome> {
    this.#dequeued += 1;
    this.#reducing = this.#dequeued;
    const { emitter, factClock, now, debug } = this.#options;
    const atMs = now();
    this.#reducingAtMs = atMs;
    if (factClock !== undefined) factClock.atMs = atMs;
    const accepting = debug === true || emitter.has('accepted');
    return reduceFact(fact, accepting ? this.#contexts.accepting : this.#contexts.plain);
  }

  /** The fact being reduced is done with (whatever became of it). */
  finish(): void {
    const { factClock } = this.#options;
    if (factClock !== undefined) factClock.atMs = undefined;
    this.#reducing = undefined;
  }

  #makeContexts(): { plain: ReduceFactContext; accepting: ReduceFactContext } {
    const { reducer, emitter, yieldToEventLoop } = this.#options;
    const trace = this.#options.debug === true;
    const plain: ReduceFactContext = {
      reducer,
      onEvents: (events, sizes, emitted) => {
        const seq = this.#reducing ?? 0;
        this.#options.onEvents(events, sizes, seq);
        if (!trace && !emitter.has('emitted')) return;
        for (const event of emitted) {
          if (trace) this.#debug(`fact #${seq} emitted: ${event.event_type}`);
          emitter.emit('emitted', { seq, event });
        }
      },
      yieldToEventLoop,
    };
    const accepting: ReduceFactContext = {
      ...plain,
      onAccepted: (fact: AnalyticsFact) => {
        const seq = this.#reducing ?? 0;
        if (trace) this.#debug(`fact #${seq} accepted: ${fact.type}`);
        emitter.emit('accepted', { seq, atMs: this.#reducingAtMs, fact });
      },
    };
    return { plain, accepting };
  }

  #debug(message: string): void {
    try {
      this.#options.logger.debug?.(message);
    } catch {
      // A logger that throws must not break the worker.
    }
  }
}
