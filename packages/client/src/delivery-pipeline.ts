import type { AuthManager } from '@codex-analytics/auth';
import type { AnalyticsFact } from '@codex-analytics/facts';
import type { Transport } from '@codex-analytics/transport';
import type { ClientEmitter } from './client-events.js';
import type { ClientLimits } from './client-limits.js';
import type { ClientLogger } from './client-logger.js';
import type { FactReducer } from './client-options.js';
import { DeliveryCounters } from './delivery-counters.js';
import type { ClientStats, DeliveryReport, DropReason } from './delivery-report.js';
import { DrainSignal } from './drain-signal.js';
import { estimateHeapBytes } from './estimate-heap-bytes.js';
import { splitBatch } from './event-batch.js';
import type { EventBatch } from './event-batch.js';
import { FactQueue } from './fact-queue.js';
import { FlushWaiters } from './flush-waiters.js';
import { KeepAlive } from './keep-alive.js';
import { OutageBreaker } from './outage-breaker.js';
import { PendingBatches } from './pending-batches.js';
import { reduceFact } from './reduce-fact.js';
import type { ReduceFactContext, ReduceOutcome } from './reduce-fact.js';
import { retryDelayMs } from './retry-delay.js';
import { sendBatch } from './send-batch.js';
import type { BatchOutcome } from './send-batch.js';
import type { Sleep } from './sleep.js';
import { formatCount, WarnEpisodes } from './warn-episodes.js';
import { sendPathSkipWarning } from './send-path-skip-warning.js';

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
}

type DropDetail = { factType?: string; path?: string; message?: string };

/** Facts reduced in one go before the worker yields to the event loop. */
const REDUCE_SLICE_FACTS = 1_000;
/** Real time spent reducing before the worker yields to the event loop, whatever the fact count. */
const REDUCE_SLICE_MS = 1;
/** Retryable results in a row (no answer from the backend in between) that make an outage. */
export const OUTAGE_AFTER_FAILURES = 5;

/** Fill of the pending bounds (0..1) at which `needsDrain` turns true, and below which it turns false again. */
const DRAIN_HIGH_WATER = 0.5;
const DRAIN_LOW_WATER = 0.25;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The client's one worker and its buffers. Facts enter a bounded queue without blocking; the worker (run from a
 * microtask, so never inside the caller's code) validates and reduces them in enqueue order, packs the events into
 * batches capped by count and bytes, and sends them with at most `maxInFlightRequests` requests in flight.
 * A retryable result backs off that batch alone; a `Retry-After`, or an outage (`OUTAGE_AFTER_FAILURES` retryable
 * results in a row), pauses all sending, and during an outage one request at a time probes the backend. Nothing is
 * retried past the shutdown deadline. The package README describes the whole design and the accounting invariant
 * `enqueued = sent + failed + dropped + pending`, which holds at every moment.
 */
export class DeliveryPipeline {
  readonly #options: DeliveryPipelineOptions;
  readonly #limits: ClientLimits;
  readonly #counters = new DeliveryCounters();
  readonly #queue = new FactQueue();
  readonly #batches: PendingBatches;
  readonly #waiters: FlushWaiters;
  readonly #episodes: WarnEpisodes;
  readonly #skipWarned = new Set<string>();
  readonly #breaker = new OutageBreaker(OUTAGE_AFTER_FAILURES);
  /** Facts accepted into the queue so far: the enqueue number of the newest one. */
  #accepted = 0;
  /** Facts taken out of the queue so far. */
  #dequeued = 0;
  /** The enqueue number of the fact being reduced. */
  #reducing: number | undefined;
  /** When the fact being reduced left the queue (the time its `accepted` event carries). */
  #reducingAtMs = 0;
  /**
   * The two contexts every fact is reduced in, made once (no closures per fact): with `onAccepted` while a trace or an
   * `accepted` listener wants the parsed fact, without it otherwise. Both read the fact's seq from `#reducing`.
   */
  readonly #reduceContexts: { plain: ReduceFactContext; accepting: ReduceFactContext };
  #pausedUntil = 0;
  #wake: AbortController | undefined;
  #wakeAt = Infinity;
  #pumping = false;
  #scheduled = false;
  #closed = false;
  #stopped = false;
  readonly #abort = new AbortController();
  #shutdown: Promise<DeliveryReport> | undefined;
  #queueFullOpen = false;
  readonly #drain: DrainSignal;

  constructor(options: DeliveryPipelineOptions) {
    this.#options = options;
    this.#limits = options.limits;
    this.#batches = new PendingBatches(options.limits.maxBatchEvents, options.limits.maxBatchBytes, options.now);
    // One hold on the process for every caller awaiting the client: `drained()`, `flush()`, `shutdown()`.
    const keepAlive = new KeepAlive();
    this.#drain = new DrainSignal(
      DRAIN_HIGH_WATER,
      DRAIN_LOW_WATER,
      () => {
        if (options.emitter.has('drain')) options.emitter.emit('drain', { pending: this.#pending() });
      },
      keepAlive,
    );
    this.#waiters = new FlushWaiters(options.sleep, keepAlive);
    this.#episodes = options.episodes ?? new WarnEpisodes(options.logger, { now: options.now });
    this.#reduceContexts = this.#makeReduceContexts();
  }

  /** Accepts a fact unless the client is shut down or the pending bound is reached. Never awaits, never throws. */
  enqueue(fact: unknown): void {
    if (this.#closed) {
      this.#counters.recorded += 1;
      this.#drop('shutdown', 1, 'fact');
      this.#episodes.occur('shutdown', 1, {
        first: () => 'analytics fact ignored: the client is shut down',
        summary: (total, since) => `${formatCount(total)} analytics facts ignored since ${since}: the client is shut down`,
      });
      return;
    }
    let bytes: number;
    try {
      bytes = estimateHeapBytes(fact);
    } catch {
      // A fact that throws when read (a revoked proxy, a getter) cannot be queued.
      this.rejectCall();
      return;
    }
    this.#counters.recorded += 1;
    if (this.#pending() >= this.#limits.maxPendingFacts || this.#pendingBytes() + bytes > this.#limits.maxPendingBytes) {
      this.#dropQueueFull();
      return;
    }
    if (this.#queueFullOpen) {
      this.#queueFullOpen = false;
      this.#episodes.clear('queue_full');
    }
    this.#queue.push(fact, bytes);
    this.#accepted += 1;
    this.#drain.update(this.#fill());
    this.#schedule();
  }

  /** True once the pending work reaches the high-water mark, until it drains (see `drained`). */
  get needsDrain(): boolean {
    return this.#drain.full;
  }

  /** Resolves at once below the high-water mark, else once the pending work drains or the client stops. */
  drained(): Promise<void> {
    return this.#drain.wait();
  }

  /** How full the pending bounds are, 0..1: the larger of the count and byte fractions. */
  #fill(): number {
    const { maxPendingFacts, maxPendingBytes } = this.#limits;
    const count = this.#pending() / maxPendingFacts;
    const bytes = this.#pendingBytes() / maxPendingBytes;
    return count > bytes ? count : bytes;
  }

  /** Counts a `track*` call whose arguments threw when read, so no fact could be queued. */
  rejectCall(): void {
    this.#counters.recorded += 1;
    this.#dropInvalid(undefined, '(root)', 'the track call could not read its arguments');
  }

  /**
   * Counts input that could not become a fact (a malformed JSON-RPC message given to an app-server tap) as an
   * `invalid_fact` drop, reported like an invalid fact: listeners get its kind, path and message; one warning per kind.
   */
  rejectInput(detail: { factType: string; path: string; message: string }): void {
    this.#counters.recorded += 1;
    if (this.#closed) {
      this.#drop('shutdown', 1, 'fact');
      return;
    }
    const { factType, path, message } = detail;
    this.#drop('invalid_fact', 1, 'fact', detail);
    this.#episodes.occur(`invalid:${factType}:${path}`, 1, {
      first: () => `analytics input dropped: ${message}`,
      summary: (total, since) => `${formatCount(total)} analytics inputs (${factType}) dropped since ${since}: invalid at \`${path}\``,
    });
  }

  flush(timeoutMs: number): Promise<DeliveryReport> {
    return this.#waitSettled(timeoutMs);
  }

  shutdown(timeoutMs: number): Promise<DeliveryReport> {
    this.#closed = true;
    this.#shutdown ??= this.#runShutdown(timeoutMs);
    return this.#shutdown;
  }

  report(): DeliveryReport {
    return this.#counters.report(this.#pending());
  }

  stats(): Omit<ClientStats, 'waiting'> {
    return this.#counters.stats({
      queuedFacts: this.#queue.length + this.#reducingCount(),
      queuedBytes: this.#queue.bytes,
      bufferedEvents: this.#batches.events,
      bufferedBytes: this.#batches.bytes,
      inFlightRequests: this.#batches.inFlight,
    });
  }

  #reducingCount(): number {
    return this.#reducing === undefined ? 0 : 1;
  }

  #pending(): number {
    return this.#queue.length + this.#reducingCount() + this.#batches.events;
  }

  /** Bytes the pending bound counts: queued facts (estimated heap) and batched events (UTF-8). */
  #pendingBytes(): number {
    return this.#queue.bytes + this.#batches.bytes;
  }

  #waitSettled(timeoutMs: number): Promise<DeliveryReport> {
    if (this.#stopped || this.#settledThrough() >= this.#accepted) return Promise.resolve(this.report());
    const settled = this.#waiters.wait(this.#accepted, timeoutMs, () => this.report());
    // A waiting flush or shutdown sends the partly filled batch at once: it never waits for the linger.
    this.#schedule();
    return settled;
  }

  async #runShutdown(timeoutMs: number): Promise<DeliveryReport> {
    const { now, sleep, transport, ownsTransport } = this.#options;
    let report: DeliveryReport;
    try {
      const deadline = now() + timeoutMs;
      await this.#waitSettled(timeoutMs);
      report = this.#stop();
      if (ownsTransport) await closeWithin(transport, Math.max(0, deadline - now()), sleep);
    } catch (error) {
      // Only an injected clock that throws gets here; the shutdown still ends, with what is known.
      this.#episodes.warn(`analytics shutdown error: ${errorName(error)}`);
      report = this.#stop();
    }
    this.#episodes.endAll();
    return report;
  }

  /** Ends all work: aborts what is in flight, cancels the backoff wait, releases the waiters. */
  #stop(): DeliveryReport {
    this.#stopped = true;
    this.#abort.abort();
    this.#wake?.abort();
    this.#waiters.finishAll();
    this.#drain.release();
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
    let broken = false;
    try {
      let reducedSinceYield = 0;
      // The injected clock, so a test's virtual clock (which does not move while the worker runs) gives slices of
      // `REDUCE_SLICE_FACTS` only and the same schedule on any machine; in production `Date.now()`, whose 1 ms
      // steps make the slice end within 1 ms.
      const clock = this.#options.now;
      let sliceStart = clock();
      for (;;) {
        if (this.#stopped) break;
        if (this.#sendNext()) continue;
        // While every request slot is taken or a backoff runs, keep reducing: a full batch is then ready the moment a
        // slot frees. Moving facts into batches leaves the pending totals, and so the bounds, unchanged.
        const item = this.#queue.shift();
        if (item === undefined) break;
        let outcome: ReduceOutcome;
        try {
          outcome = await this.#startReduce(item);
        } catch (error) {
          outcome = { kind: 'error', factType: undefined, message: `the worker failed on a fact (${errorName(error)})` };
        }
        this.#finishReduce(outcome);
        reducedSinceYield += 1;
        if (reducedSinceYield >= REDUCE_SLICE_FACTS || clock() - sliceStart >= REDUCE_SLICE_MS) {
          // A long run of reduction yields to the event loop, so responses (which free slots) are not held up.
          reducedSinceYield = 0;
          await yieldToEventLoop();
          sliceStart = clock();
        }
      }
    } catch (error) {
      // Not reached by anything a fact, the reducer, the transport or the auth manager does (each is contained where
      // it runs); only an injected clock or sleep that throws. The worker still goes on, after a timer.
      broken = true;
      this.#episodes.occur('worker', 1, {
        first: () => `analytics worker error: ${errorName(error)}; retrying`,
        summary: (total, since) => `${formatCount(total)} analytics worker errors since ${since}`,
      });
    } finally {
      this.#pumping = false;
    }
    if (broken) this.#resumeLater();
    this.#notifyWaiters();
  }

  /** Starts one request if a slot is free, no pause runs and a batch is due; false when none could start. */
  #sendNext(): boolean {
    const limit = this.#breaker.open ? 1 : this.#limits.maxInFlightRequests;
    if (this.#batches.inFlight >= limit) return false;
    const now = this.#options.now();
    if (this.#pausedUntil > now) {
      this.#armWakeAt(this.#pausedUntil);
      return false;
    }
    // Ready batches go first; the partly filled one only once nothing is left to reduce and it has lingered
    // `lingerMs` since its first event (so a trickle fills it), or at once while a flush or shutdown waits.
    const partialDueAt = this.#partialDueAt();
    const batch = this.#batches.startNext(this.#queue.length === 0 && partialDueAt <= now, now);
    if (batch === undefined) {
      const dueAt = Math.min(this.#batches.nextDueAt(), this.#queue.length === 0 ? partialDueAt : Infinity);
      if (dueAt !== Infinity && dueAt > now) this.#armWakeAt(dueAt);
      return false;
    }
    batch.attempts += 1;
    void this.#send(batch);
    return true;
  }

  /** When the partly filled batch may go: its first event's time plus the linger, or now while someone waits. */
  #partialDueAt(): number {
    const openedAt = this.#batches.buildingOpenedAt;
    if (openedAt === Infinity) return Infinity;
    if (this.#waiters.size > 0 || this.#closed) return 0;
    return openedAt + this.#limits.lingerMs;
  }

  #makeReduceContexts(): { plain: ReduceFactContext; accepting: ReduceFactContext } {
    const plain: ReduceFactContext = {
      reducer: this.#options.reducer,
      onEvents: (events, sizes, emitted) => {
        const seq = this.#reducing ?? 0;
        this.#appendEvents(events, sizes, seq);
        const trace = this.#options.debug === true;
        const { emitter } = this.#options;
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
        if (this.#options.debug === true) this.#debug(`fact #${seq} accepted: ${fact.type}`);
        this.#options.emitter.emit('accepted', { seq, atMs: this.#reducingAtMs, fact });
      },
    };
    return { plain, accepting };
  }

  /**
   * Starts reducing a fact just taken off the queue (its seq in `#reducing` until `#finishReduce`). Not an async
   * function: the worker awaits the reduction itself, one promise per fact fewer.
   */
  #startReduce(item: { fact: unknown }): Promise<ReduceOutcome> {
    this.#dequeued += 1;
    this.#reducing = this.#dequeued;
    const { emitter, factClock, now } = this.#options;
    const atMs = now();
    this.#reducingAtMs = atMs;
    if (factClock !== undefined) factClock.atMs = atMs;
    const accepting = this.#options.debug === true || emitter.has('accepted');
    return reduceFact(item.fact, accepting ? this.#reduceContexts.accepting : this.#reduceContexts.plain);
  }

  /** Counts what became of the fact being reduced; it leaves the pending set in the same tick. */
  #finishReduce(outcome: ReduceOutcome): void {
    const { factClock } = this.#options;
    if (factClock !== undefined) factClock.atMs = undefined;
    this.#reducing = undefined;
    switch (outcome.kind) {
      case 'reduced':
        this.#counters.reducedFacts += 1;
        return;
      case 'invalid':
        this.#dropInvalid(safeFactType(outcome.factType), outcome.path, outcome.message);
        return;
      case 'error': {
        const factType = safeFactType(outcome.factType);
        const { message } = outcome;
        this.#drop('reducer_error', 1, 'fact', { factType, message });
        this.#episodes.occur(`reducer:${factType ?? ''}`, 1, {
          first: () => `analytics fact dropped: ${message}`,
          summary: (total, since) =>
            `${formatCount(total)} analytics facts${label(factType)} dropped since ${since}: the reducer failed`,
        });
        return;
      }
    }
  }

  #debug(message: string): void {
    try {
      this.#options.logger.debug?.(message);
    } catch {
      // A logger that throws must not break the worker.
    }
  }

  /**
   * Adds a fact's events to the batches while the pending bounds hold (checked per event, so they hold whatever a
   * fact expands into); the excess is dropped as `pending_full`, counted in events.
   */
  #appendEvents(events: string[], sizes: number[], seq: number): void {
    const { maxPendingFacts, maxPendingBytes } = this.#limits;
    const queue = this.#queue;
    const batches = this.#batches;
    let dropped = 0;
    for (let index = 0; index < events.length; index += 1) {
      const size = sizes[index] ?? 0;
      this.#counters.emittedEvents += 1;
      if (queue.length + batches.events >= maxPendingFacts || queue.bytes + batches.bytes + size > maxPendingBytes) {
        dropped += 1;
        continue;
      }
      batches.append(events[index] ?? '', size, seq);
    }
    if (dropped === 0) return;
    this.#drop('pending_full', dropped, 'event');
    this.#episodes.occur('pending_full', dropped, {
      first: () =>
        `dropping analytics events: a fact produced more events than the pending bounds hold (${maxPendingFacts} ` +
        `events, ${maxPendingBytes} bytes); ${formatCount(dropped)} dropped, further drops are counted`,
      summary: (total, since) => `${formatCount(total)} analytics events dropped since ${since}: over the pending bounds`,
    });
  }

  async #send(batch: EventBatch): Promise<void> {
    const { authManager, transport, url, ingestToken } = this.#options;
    let outcome: BatchOutcome;
    try {
      outcome = await sendBatch(batch, { authManager, transport, url, signal: this.#abort.signal, ingestToken });
    } catch {
      outcome = { kind: 'failed', reason: 'transport_error', message: 'send failed unexpectedly' };
    }
    this.#batches.endSend(batch);
    try {
      this.#apply(batch, outcome);
    } catch (error) {
      this.#episodes.occur('apply', 1, {
        first: () => `analytics worker error: ${errorName(error)}`,
        summary: (total, since) => `${formatCount(total)} analytics worker errors since ${since}`,
      });
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
        this.#backendAnswered();
        this.#episodes.end('auth_error');
        emitter.emit('sent', { events, statusCode: outcome.statusCode, attempt: batch.attempts });
        return;
      case 'skipped':
        this.#batches.release(batch);
        this.#drop(outcome.reason, events, 'event');
        if (outcome.reason === 'auth_error') {
          this.#episodes.occur('auth_error', events, {
            first: () => 'analytics events skipped: the auth manager failed',
            summary: (total, since) => `${formatCount(total)} analytics events skipped since ${since}: the auth manager failed`,
          });
        }
        else if (!this.#skipWarned.has(outcome.reason)) {
          // Said once per reason, not per episode: the setup will not change by itself.
          this.#skipWarned.add(outcome.reason);
          this.#episodes.warn(sendPathSkipWarning(outcome.reason));
        }
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
        this.#backendAnswered();
        const [first, second] = splitBatch(batch);
        this.#batches.requeue(first);
        this.#batches.requeue(second);
        return;
      }
      case 'failed': {
        this.#batches.release(batch);
        if (outcome.statusCode !== undefined) this.#backendAnswered();
        const { reason, statusCode, message } = outcome;
        this.#counters.fail(reason, events);
        emitter.emit('failed', { reason, events, statusCode, message });
        const status = statusCode === undefined ? '' : `, status ${statusCode}`;
        this.#episodes.occur(`failed:${reason}:${statusCode ?? ''}`, events, {
          first: () => `analytics events failed (${events} events): ${message}; further failures like it are counted`,
          summary: (total, since) => `${formatCount(total)} analytics events failed since ${since} (${reason}${status})`,
        });
        return;
      }
    }
  }

  /**
   * A retryable result. On its own it backs off this batch alone (full jitter by the batch's attempts) while the
   * others go on; a `Retry-After`, or the `OUTAGE_AFTER_FAILURES`th retryable result in a row, pauses all sending
   * (by the outage's length), and until the next answer one request at a time probes the backend.
   */
  #retry(batch: EventBatch, outcome: Extract<BatchOutcome, { kind: 'retry' }>): void {
    this.#batches.requeue(batch);
    if (this.#stopped) return;
    const { now, random, emitter } = this.#options;
    const { statusCode, retryAfterMs, error } = outcome;
    const outage = this.#breaker.failure();
    const at = now();
    let delayMs: number;
    // At least 1 ms: a retry always waits for a timer, so a transport that fails without I/O cannot spin the worker.
    if (outage || retryAfterMs !== undefined) {
      const attempt = outage ? Math.max(batch.attempts, this.#breaker.level) : batch.attempts;
      delayMs = Math.max(1, retryDelayMs(attempt, retryAfterMs, this.#limits, random));
      this.#pausedUntil = Math.max(this.#pausedUntil, at + delayMs);
      batch.notBefore = 0;
    } else {
      delayMs = Math.max(1, retryDelayMs(batch.attempts, undefined, this.#limits, random));
      batch.notBefore = at + delayMs;
    }
    this.#counters.retries += 1;
    emitter.emit('retry', { events: batch.events.length, attempt: batch.attempts, delayMs, statusCode, retryAfterMs, error });
    if (!outage) return;
    const cause = statusCode === undefined ? (error ?? 'network error') : `status ${statusCode}`;
    this.#episodes.occur('outage', 1, {
      first: () => `analytics events not delivered yet (${cause}); the backend looks down, retrying with backoff`,
      summary: (total, since) => `analytics backend unavailable since ${since}: ${formatCount(total)} failed attempts`,
    });
  }

  /** The backend answered (any status but a retryable one): the outage, if any, is over. */
  #backendAnswered(): void {
    if (this.#breaker.answered()) this.#episodes.end('outage');
  }

  #drop(reason: DropReason, count: number, unit: 'fact' | 'event', detail?: DropDetail): void {
    this.#counters.drop(reason, count);
    const { emitter } = this.#options;
    if (emitter.has('dropped')) emitter.emit('dropped', { reason, count, unit, ...detail });
  }

  #dropInvalid(factType: string | undefined, rawPath: string, message: string): void {
    const path = rawPath.length > 120 ? `${rawPath.slice(0, 120)}…` : rawPath;
    this.#drop('invalid_fact', 1, 'fact', { factType, path, message });
    this.#episodes.occur(`invalid:${factType ?? ''}:${path}`, 1, {
      first: () => `analytics fact dropped: ${message}`,
      summary: (total, since) =>
        `${formatCount(total)} analytics facts${label(factType)} dropped since ${since}: invalid at \`${path}\``,
    });
  }

  #dropQueueFull(): void {
    this.#drop('queue_full', 1, 'fact');
    this.#queueFullOpen = true;
    this.#episodes.occur('queue_full', 1, {
      first: () => {
        const pending = this.#pending();
        const bytes = this.#queue.bytes + this.#batches.bytes;
        return (
          `dropping analytics facts: the queue is full (${pending}/${this.#limits.maxPendingFacts} pending, ` +
          `${bytes}/${this.#limits.maxPendingBytes} bytes); further drops are counted`
        );
      },
      summary: (total, since) => `${formatCount(total)} analytics facts dropped since ${since}: the queue was full`,
    });
  }

  /** Wakes the worker at `at` (epoch ms); an earlier wake replaces a later one. */
  #armWakeAt(at: number): void {
    if (this.#wake !== undefined && this.#wakeAt <= at) return;
    this.#wake?.abort();
    const wake = new AbortController();
    this.#wake = wake;
    this.#wakeAt = at;
    const done = (): void => {
      if (this.#wake !== wake) return;
      this.#wake = undefined;
      this.#wakeAt = Infinity;
      // The wait was served even if an injected clock did not move; only a later extension waits again.
      if (this.#pausedUntil <= at) this.#pausedUntil = 0;
      this.#batches.releaseDue(at);
      this.#schedule();
    };
    try {
      this.#options.sleep(Math.max(0, at - this.#options.now()), wake.signal).then(done, done);
    } catch {
      this.#wake = undefined;
      this.#wakeAt = Infinity;
    }
  }

  /** After an unexpected worker error: runs the worker again after a timer, so it never stays stopped. */
  #resumeLater(): void {
    try {
      this.#options.sleep(1).then(
        () => this.#schedule(),
        () => this.#schedule(),
      );
    } catch {
      setTimeout(() => this.#schedule(), 1).unref();
    }
  }

  /** The enqueue number through which every fact is settled (sent, failed or dropped). */
  #settledThrough(): number {
    let oldest = this.#batches.oldestFactSeq();
    if (this.#queue.length > 0) oldest = Math.min(oldest, this.#dequeued + 1);
    if (this.#reducing !== undefined) oldest = Math.min(oldest, this.#reducing);
    return oldest === Infinity ? this.#accepted : oldest - 1;
  }

  #notifyWaiters(): void {
    if (this.#waiters.size > 0) this.#waiters.notify(this.#settledThrough());
    if (this.#drain.full) this.#drain.update(this.#fill());
  }
}

/** A fact type fit for logs: a known-looking identifier, or nothing (a caller's string is never echoed). */
function safeFactType(factType: string | undefined): string | undefined {
  return factType !== undefined && /^[a-z_]{1,64}$/.test(factType) ? factType : undefined;
}

function label(factType: string | undefined): string {
  return factType === undefined ? '' : ` \`${factType}\``;
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
