import type { AuthManager } from '@codex-analytics/auth';
import type { AnalyticsFact } from '@codex-analytics/facts';
import type { Transport } from '@codex-analytics/transport';
import type { ClientEmitter } from './client-events.js';
import type { ClientLimits } from './client-limits.js';
import type { ClientLogger } from './client-logger.js';
import type { FactReducer } from './client-options.js';
import { DeliveryCounters } from './delivery-counters.js';
import type { ClientStats, DeliveryReport, DropReason } from './delivery-report.js';
import { estimateJsonBytes } from './estimate-json-bytes.js';
import { splitBatch } from './event-batch.js';
import type { EventBatch } from './event-batch.js';
import { FactQueue } from './fact-queue.js';
import { FlushWaiters } from './flush-waiters.js';
import { PendingBatches } from './pending-batches.js';
import { reduceFact } from './reduce-fact.js';
import { retryDelayMs } from './retry-delay.js';
import { sendBatch } from './send-batch.js';
import type { BatchOutcome } from './send-batch.js';
import type { Sleep } from './sleep.js';
import { Warnings } from './warnings.js';

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
  /** Trace each accepted fact and emitted event to `logger.debug`. */
  debug?: boolean;
  /**
   * Set to the clock (epoch ms) while a fact is reduced, so the default reducer's `now` and the `accepted` trace
   * (what a recording stores) read the same instant; `undefined` between facts.
   */
  factClock?: { atMs: number | undefined };
}

type DropDetail = { factType?: string; path?: string; message?: string };

/** Facts reduced in one go before the worker yields to the event loop. */
const REDUCE_SLICE_FACTS = 1_000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The client's one worker and its buffers. Facts enter a bounded queue without blocking; the worker (run from a
 * microtask, so never inside the caller's code) validates and reduces them in enqueue order, packs the events into
 * batches capped by count and bytes, and sends them with at most `maxInFlightRequests` requests in flight.
 * A retryable result puts the batch back in order and pauses all sending for a full-jitter backoff (at least
 * `Retry-After`); nothing is retried past the shutdown deadline. The package README describes the whole design.
 */
export class DeliveryPipeline {
  readonly #options: DeliveryPipelineOptions;
  readonly #limits: ClientLimits;
  readonly #counters = new DeliveryCounters();
  readonly #queue = new FactQueue();
  readonly #batches: PendingBatches;
  readonly #waiters: FlushWaiters;
  readonly #warnings: Warnings;
  /** Facts accepted so far: the enqueue number of the newest one. */
  #enqueued = 0;
  /** Facts taken out of the queue so far. */
  #dequeued = 0;
  /** The enqueue number of the fact being reduced. */
  #reducing: number | undefined;
  #pausedUntil = 0;
  #wake: AbortController | undefined;
  #pumping = false;
  #scheduled = false;
  #closed = false;
  #stopped = false;
  readonly #abort = new AbortController();
  #shutdown: Promise<DeliveryReport> | undefined;
  #queueFullWarned = false;
  #outageWarned = false;

  constructor(options: DeliveryPipelineOptions) {
    this.#options = options;
    this.#limits = options.limits;
    this.#batches = new PendingBatches(options.limits.maxBatchEvents, options.limits.maxBatchBytes);
    this.#waiters = new FlushWaiters(options.sleep);
    this.#warnings = new Warnings(options.logger);
  }

  /** Accepts a fact unless the client is shut down or the pending bound is reached. Never awaits. */
  enqueue(fact: unknown): void {
    if (this.#closed) {
      this.#drop('shutdown', 1, 'fact');
      this.#warnings.once('shutdown', 'analytics fact ignored: the client is shut down');
      return;
    }
    const bytes = estimateJsonBytes(fact);
    const queue = this.#queue;
    const batches = this.#batches;
    if (
      queue.length + batches.events >= this.#limits.maxPendingFacts ||
      queue.bytes + batches.bytes + bytes > this.#limits.maxPendingBytes
    ) {
      this.#dropQueueFull();
      return;
    }
    this.#queueFullWarned = false;
    queue.push(fact, bytes);
    this.#enqueued += 1;
    this.#counters.enqueued += 1;
    this.#schedule();
  }

  /** Counts a `track*` call whose arguments threw when read, so no fact could be queued. */
  rejectCall(): void {
    this.#drop('invalid_fact', 1, 'fact', { message: 'the track call could not read its arguments' });
  }

  /**
   * Counts input that could not become a fact (a malformed JSON-RPC message given to an app-server tap) as an
   * `invalid_fact` drop, reported like an invalid fact: listeners get its kind, path and message; one warning per kind.
   */
  rejectInput(detail: { factType: string; path: string; message: string }): void {
    if (this.#closed) {
      this.#drop('shutdown', 1, 'fact');
      return;
    }
    this.#drop('invalid_fact', 1, 'fact', detail);
    this.#warnings.once(`invalid:${detail.factType}:${detail.path}`, `analytics input dropped: ${detail.message}`);
  }

  flush(timeoutMs: number): Promise<DeliveryReport> {
    return this.#waitSettled(timeoutMs, false);
  }

  shutdown(timeoutMs: number): Promise<DeliveryReport> {
    this.#closed = true;
    this.#shutdown ??= this.#runShutdown(timeoutMs);
    return this.#shutdown;
  }

  report(): DeliveryReport {
    return this.#counters.report(this.#queue.length + this.#batches.events);
  }

  stats(): Omit<ClientStats, 'waiting'> {
    return this.#counters.stats({
      queuedFacts: this.#queue.length,
      queuedBytes: this.#queue.bytes,
      bufferedEvents: this.#batches.events,
      bufferedBytes: this.#batches.bytes,
      inFlightRequests: this.#batches.inFlight,
    });
  }

  #waitSettled(timeoutMs: number, keepProcessAlive: boolean): Promise<DeliveryReport> {
    if (this.#stopped || this.#settledThrough() >= this.#enqueued) return Promise.resolve(this.report());
    return this.#waiters.wait(this.#enqueued, timeoutMs, () => this.report(), keepProcessAlive);
  }

  async #runShutdown(timeoutMs: number): Promise<DeliveryReport> {
    const { now, sleep, transport, ownsTransport } = this.#options;
    let report: DeliveryReport;
    try {
      const deadline = now() + timeoutMs;
      await this.#waitSettled(timeoutMs, true);
      report = this.#stop();
      if (ownsTransport) await closeWithin(transport, Math.max(0, deadline - now()), sleep);
    } catch (error) {
      // Only an injected clock that throws gets here; the shutdown still ends, with what is known.
      this.#warnings.once('shutdown_error', `analytics shutdown error: ${errorName(error)}`);
      report = this.#stop();
    }
    return report;
  }

  /** Ends all work: aborts what is in flight, cancels the backoff wait, releases the waiters. */
  #stop(): DeliveryReport {
    this.#stopped = true;
    this.#abort.abort();
    this.#wake?.abort();
    this.#waiters.finishAll();
    return this.report();
  }

  #schedule(): void {
    if (this.#scheduled || this.#pumping || this.#stopped) return;
    this.#scheduled = true;
    queueMicrotask(this.#runPump);
  }

  readonly #runPump = (): void => {
    this.#scheduled = false;
    void this.#pump();
  };

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      let reducedSinceYield = 0;
      for (;;) {
        if (this.#stopped) break;
        if (this.#maySend()) {
          // Ready batches go first; the partly filled one only once nothing is left to reduce (an idle client sends
          // at once, a busy one keeps filling it).
          const batch = this.#batches.startNext(this.#queue.length === 0);
          if (batch !== undefined) {
            batch.attempts += 1;
            void this.#send(batch);
            continue;
          }
        }
        // While every request slot is taken or a backoff runs, keep reducing: a full batch is then ready the moment a
        // slot frees. Moving facts into batches leaves the pending totals, and so the bounds, unchanged.
        if (this.#queue.length === 0) break;
        await this.#reduceNext();
        reducedSinceYield += 1;
        if (reducedSinceYield >= REDUCE_SLICE_FACTS) {
          // A long run of reduction yields to the event loop, so responses (which free slots) are not held up.
          reducedSinceYield = 0;
          await yieldToEventLoop();
        }
      }
    } catch (error) {
      this.#warnings.once('worker', `analytics worker error: ${errorName(error)}`);
    } finally {
      this.#pumping = false;
    }
    this.#notifyWaiters();
  }

  /** Whether a request may start now: a slot is free and no backoff is running (else the wake timer is armed). */
  #maySend(): boolean {
    if (this.#batches.inFlight >= this.#limits.maxInFlightRequests) return false;
    const waitMs = this.#pausedUntil - this.#options.now();
    if (waitMs > 0) {
      this.#armWake(waitMs);
      return false;
    }
    return true;
  }

  async #reduceNext(): Promise<void> {
    const item = this.#queue.shift();
    if (item === undefined) return;
    this.#dequeued += 1;
    const seq = this.#dequeued;
    this.#reducing = seq;
    const { emitter, factClock, now } = this.#options;
    const trace = this.#options.debug === true;
    try {
      const atMs = now();
      if (factClock !== undefined) factClock.atMs = atMs;
      const onAccepted =
        trace || emitter.has('accepted')
          ? (fact: AnalyticsFact) => {
              if (trace) this.#debug(`fact #${seq} accepted: ${fact.type}`);
              emitter.emit('accepted', { seq, atMs, fact });
            }
          : undefined;
      const outcome = await reduceFact(item.fact, this.#options.reducer, onAccepted);
      switch (outcome.kind) {
        case 'invalid': {
          const { factType, path, message } = outcome;
          this.#drop('invalid_fact', 1, 'fact', { factType, path, message });
          this.#warnings.once(`invalid:${factType ?? ''}:${path}`, `analytics fact dropped: ${message}`);
          return;
        }
        case 'error':
          this.#drop('reducer_error', 1, 'fact', { factType: outcome.factType, message: outcome.message });
          this.#warnings.once(`reducer:${outcome.factType ?? ''}`, `analytics fact dropped: ${outcome.message}`);
          return;
        case 'events':
          for (let index = 0; index < outcome.events.length; index += 1) {
            this.#batches.append(outcome.events[index] ?? '', outcome.sizes[index] ?? 0, seq);
          }
          if (outcome.emitted !== undefined && (trace || emitter.has('emitted'))) {
            for (const event of outcome.emitted) {
              if (trace) this.#debug(`fact #${seq} emitted: ${event.event_type}`);
              emitter.emit('emitted', { seq, event });
            }
          }
          return;
      }
    } finally {
      this.#reducing = undefined;
      if (factClock !== undefined) factClock.atMs = undefined;
    }
  }

  #debug(message: string): void {
    try {
      this.#options.logger.debug?.(message);
    } catch {
      // A logger that throws must not break the worker.
    }
  }

  async #send(batch: EventBatch): Promise<void> {
    const { authManager, transport, url } = this.#options;
    let outcome: BatchOutcome;
    try {
      outcome = await sendBatch(batch, { authManager, transport, url, signal: this.#abort.signal });
    } catch {
      outcome = { kind: 'failed', reason: 'transport_error', message: 'send failed unexpectedly' };
    }
    this.#batches.endSend(batch);
    try {
      this.#apply(batch, outcome);
    } catch (error) {
      this.#warnings.once('apply', `analytics worker error: ${errorName(error)}`);
    }
    this.#schedule();
    this.#notifyWaiters();
  }

  #apply(batch: EventBatch, outcome: BatchOutcome): void {
    const events = batch.events.length;
    const { emitter } = this.#options;
    if (outcome.kind !== 'skipped' && outcome.kind !== 'aborted') this.#counters.requests += 1;
    switch (outcome.kind) {
      case 'sent':
        this.#batches.release(batch);
        this.#counters.sent += events;
        this.#outageWarned = false;
        emitter.emit('sent', { events, statusCode: outcome.statusCode, attempt: batch.attempts });
        return;
      case 'skipped':
        this.#batches.release(batch);
        this.#drop(outcome.reason, events, 'event');
        if (outcome.reason === 'auth_error') this.#warnings.once('auth_error', 'analytics events skipped: the auth manager failed');
        return;
      case 'aborted':
        // Cut short by the shutdown deadline: not an attempt, and still pending in the report.
        batch.attempts -= 1;
        this.#batches.requeue(batch);
        return;
      case 'retry':
        this.#retry(batch, outcome);
        return;
      case 'split': {
        const [first, second] = splitBatch(batch);
        this.#batches.requeue(first);
        this.#batches.requeue(second);
        return;
      }
      case 'failed':
        this.#batches.release(batch);
        this.#counters.fail(outcome.reason, events);
        emitter.emit('failed', { reason: outcome.reason, events, statusCode: outcome.statusCode, message: outcome.message });
        this.#warnings.warn(`analytics events failed (${events} events): ${outcome.message}`);
        return;
    }
  }

  #retry(batch: EventBatch, outcome: Extract<BatchOutcome, { kind: 'retry' }>): void {
    this.#batches.requeue(batch);
    if (this.#stopped) return;
    const { now, random, emitter } = this.#options;
    // At least 1 ms: a retry always waits for a timer, so a transport that fails without I/O cannot spin the worker.
    const delayMs = Math.max(1, retryDelayMs(batch.attempts, outcome.retryAfterMs, this.#limits, random));
    this.#pausedUntil = Math.max(this.#pausedUntil, now() + delayMs);
    this.#counters.retries += 1;
    const { statusCode, retryAfterMs, error } = outcome;
    emitter.emit('retry', { events: batch.events.length, attempt: batch.attempts, delayMs, statusCode, retryAfterMs, error });
    if (this.#outageWarned) return;
    this.#outageWarned = true;
    const cause = statusCode === undefined ? (error ?? 'network error') : `status ${statusCode}`;
    this.#warnings.warn(`analytics events not delivered yet (${cause}); retrying with backoff`);
  }

  #drop(reason: DropReason, count: number, unit: 'fact' | 'event', detail?: DropDetail): void {
    this.#counters.drop(reason, count);
    const { emitter } = this.#options;
    if (emitter.has('dropped')) emitter.emit('dropped', { reason, count, unit, ...detail });
  }

  #dropQueueFull(): void {
    this.#drop('queue_full', 1, 'fact');
    if (this.#queueFullWarned) return;
    this.#queueFullWarned = true;
    const pending = this.#queue.length + this.#batches.events;
    const bytes = this.#queue.bytes + this.#batches.bytes;
    this.#warnings.warn(
      `dropping analytics facts: the queue is full (${pending}/${this.#limits.maxPendingFacts} pending, ` +
        `${bytes}/${this.#limits.maxPendingBytes} bytes); further drops in this burst are only counted`,
    );
  }

  #armWake(ms: number): void {
    if (this.#wake !== undefined) return;
    const wake = new AbortController();
    this.#wake = wake;
    const pausedUntil = this.#pausedUntil;
    const done = (): void => {
      if (this.#wake !== wake) return;
      this.#wake = undefined;
      // The wait was served even if an injected clock did not move; only a later extension waits again.
      if (this.#pausedUntil === pausedUntil) this.#pausedUntil = 0;
      this.#schedule();
    };
    try {
      this.#options.sleep(ms, wake.signal).then(done, done);
    } catch {
      this.#wake = undefined;
    }
  }

  /** The enqueue number through which every fact is settled (sent, failed or dropped). */
  #settledThrough(): number {
    let oldest = this.#batches.oldestFactSeq();
    if (this.#queue.length > 0) oldest = Math.min(oldest, this.#dequeued + 1);
    if (this.#reducing !== undefined) oldest = Math.min(oldest, this.#reducing);
    return oldest === Infinity ? this.#enqueued : oldest - 1;
  }

  #notifyWaiters(): void {
    if (this.#waiters.size > 0) this.#waiters.notify(this.#settledThrough());
  }
}

/** Closes a transport, waiting at most `remainingMs` for it. Never rejects. */
async function closeWithin(transport: Transport, remainingMs: number, sleep: Sleep): Promise<void> {
  let closing: Promise<void>;
  try {
    closing = transport.close().catch(() => undefined);
  } catch {
    return;
  }
  if (remainingMs <= 0) return;
  const timer = new AbortController();
  let waited: Promise<unknown>;
  try {
    waited = sleep(remainingMs, timer.signal).catch(() => undefined);
  } catch {
    waited = Promise.resolve();
  }
  await Promise.race([closing, waited]);
  timer.abort();
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
