import { DeliveryAccounting } from './delivery-accounting.js';
import type { ClientLimits } from '../client-limits.js';
import type { ClientStats, DeliveryReport } from './delivery-report.js';
import type { DeliveryPipelineOptions } from './delivery-pipeline-options.js';
import { DrainSignal } from './drain-signal.js';
import { estimateHeapBytes } from './estimate-heap-bytes.js';
import type { EventBatch } from './event-batch.js';
import { FactQueue } from './fact-queue.js';
import { FlushWaiters } from './flush-waiters.js';
import { KeepAlive } from './keep-alive.js';
import { PendingBatches } from './pending-batches.js';
import type { ReduceOutcome } from './reduce-fact.js';
import { FactReduction } from './fact-reduction.js';
import { closeWithin } from './close-within.js';
import { sendBatch } from './send-batch.js';
import type { BatchOutcome } from './send-batch.js';
import { WarnEpisodes } from './warn-episodes.js';
import { DeliveryWarnings, errorName } from './delivery-warnings.js';
import { nodeEventLoop } from './event-loop.js';
import type { EventLoop } from './event-loop.js';

export type { DeliveryPipelineOptions } from './delivery-pipeline-options.js';
import { SendScheduler } from './send-scheduler.js';

/** Facts reduced in one go before the worker yields to the event loop. */
const REDUCE_SLICE_FACTS = 1_000;
/** Real time spent reducing before the worker yields to the event loop, whatever the fact count. */
const REDUCE_SLICE_MS = 1;

/** Fill of the pending bounds (0..1) at which `needsDrain` turns true, and below which it turns false again. */
const DRAIN_HIGH_WATER = 0.5;
const DRAIN_LOW_WATER = 0.25;

/**
 * The client's one worker and its buffers. Facts enter a bounded queue without blocking; the worker (run from a
 * microtask, so never inside the caller's code) validates and reduces them in enqueue order, packs the events into
 * batches capped by count and bytes, and sends them when the `SendScheduler` allows (request slots, pauses,
 * backoff). This file holds admission (the bounds), the reduce loop, the send loop and shutdown; what became of each
 * fact and request is counted by `DeliveryAccounting`, worded by `DeliveryWarnings`. Nothing is retried past the
 * shutdown deadline. The package README describes the whole design and the accounting invariant
 * `enqueued = sent + failed + dropped + pending`, which holds at every moment.
 */
export class DeliveryPipeline {
  readonly #options: DeliveryPipelineOptions;
  readonly #limits: ClientLimits;
  readonly #queue = new FactQueue();
  readonly #batches: PendingBatches;
  readonly #waiters: FlushWaiters;
  readonly #warnings: DeliveryWarnings;
  readonly #scheduler: SendScheduler;
  readonly #accounting: DeliveryAccounting;
  readonly #eventLoop: EventLoop;
  /** Facts let into the queue so far: the enqueue number of the newest one. */
  #enqueued = 0;
  readonly #reduction: FactReduction;
  #pumping = false;
  #scheduled = false;
  #closed = false;
  #stopped = false;
  readonly #abort = new AbortController();
  #shutdown: Promise<DeliveryReport> | undefined;
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
    this.#warnings = new DeliveryWarnings(options.episodes ?? new WarnEpisodes(options.logger, { now: options.now }));
    this.#eventLoop = options.eventLoop ?? nodeEventLoop;
    const { limits, now, sleep, random } = options;
    this.#scheduler = new SendScheduler({
      limits,
      now,
      sleep,
      random,
      eventLoop: this.#eventLoop,
      onWake: (at) => {
        this.#batches.releaseDue(at);
        this.#schedule();
      },
    });
    this.#accounting = new DeliveryAccounting({
      emitter: options.emitter,
      warnings: this.#warnings,
      batches: this.#batches,
      scheduler: this.#scheduler,
      stopped: () => this.#stopped,
    });
    const { reducer, logger, emitter, debug, factClock } = options;
    this.#reduction = new FactReduction({
      reducer,
      now,
      logger,
      emitter,
      debug,
      factClock,
      yieldToEventLoop: this.#eventLoop.turn,
      onEvents: (events, sizes, seq) => this.#appendEvents(events, sizes, seq),
    });
  }

  /** Accepts a fact unless the client is shut down or the pending bound is reached. Never awaits, never throws. */
  enqueue(fact: unknown): void {
    if (this.#closed) {
      this.#accounting.counters.recorded += 1;
      this.#accounting.drop('shutdown', 1, 'fact');
      this.#warnings.ignoredAfterShutdown();
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
    this.#accounting.counters.recorded += 1;
    if (this.#pending() >= this.#limits.maxPendingFacts || this.#pendingBytes() + bytes > this.#limits.maxPendingBytes) {
      this.#accounting.dropQueueFull(() => ({ pending: this.#pending(), bytes: this.#pendingBytes(), limits: this.#limits }));
      return;
    }
    this.#accounting.queueAccepting();
    this.#queue.push(fact, bytes);
    this.#enqueued += 1;
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
    this.#accounting.counters.recorded += 1;
    this.#accounting.dropInvalid(undefined, '(root)', 'the track call could not read its arguments');
  }

  /**
   * Counts input that could not become a fact (a malformed JSON-RPC message given to an app-server tap) as an
   * `invalid_fact` drop, reported like an invalid fact: listeners get its kind, path and message; one warning per kind.
   */
  rejectInput(detail: { factType: string; path: string; message: string }): void {
    this.#accounting.counters.recorded += 1;
    if (this.#closed) {
      this.#accounting.drop('shutdown', 1, 'fact');
      return;
    }
    this.#accounting.dropInput(detail);
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
    return this.#accounting.counters.report(this.#pending());
  }

  stats(): Omit<ClientStats, 'waiting'> {
    return this.#accounting.counters.stats({
      queuedFacts: this.#queue.length + this.#reducingCount(),
      queuedBytes: this.#queue.bytes,
      bufferedEvents: this.#batches.events,
      bufferedBytes: this.#batches.bytes,
      inFlightRequests: this.#batches.inFlight,
    });
  }

  #reducingCount(): number {
    return this.#reduction.reducing === undefined ? 0 : 1;
  }

  #pending(): number {
    return this.#queue.length + this.#reducingCount() + this.#batches.events;
  }

  /** Bytes the pending bound counts: queued facts (estimated heap) and batched events (UTF-8). */
  #pendingBytes(): number {
    return this.#queue.bytes + this.#batches.bytes;
  }

  #waitSettled(timeoutMs: number): Promise<DeliveryReport> {
    if (this.#stopped || this.#settledThrough() >= this.#enqueued) return Promise.resolve(this.report());
    const settled = this.#waiters.wait(this.#enqueued, timeoutMs, () => this.report());
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
      this.#warnings.shutdownFailed(error);
      report = this.#stop();
    }
    this.#warnings.endAll();
    return report;
  }

  /** Ends all work: aborts what is in flight, cancels the backoff wait, releases the waiters. */
  #stop(): DeliveryReport {
    this.#stopped = true;
    this.#abort.abort();
    this.#scheduler.stop();
    this.#waiters.finishAll();
    this.#drain.release();
    return this.report();
  }

  #schedule(): void {
    if (this.#scheduled || this.#pumping || this.#stopped) return;
    this.#scheduled = true;
    this.#eventLoop.defer(this.#runPump);
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
          outcome = await this.#reduction.start(item.fact);
        } catch (error) {
          outcome = { kind: 'error', factType: undefined, message: `the worker failed on a fact (${errorName(error)})` };
        }
        this.#finishReduce(outcome);
        reducedSinceYield += 1;
        if (reducedSinceYield >= REDUCE_SLICE_FACTS || clock() - sliceStart >= REDUCE_SLICE_MS) {
          // A long run of reduction yields to the event loop, so responses (which free slots) are not held up.
          reducedSinceYield = 0;
          await this.#eventLoop.turn();
          sliceStart = clock();
        }
      }
    } catch (error) {
      // Not reached by anything a fact, the reducer, the transport or the auth manager does (each is contained where
      // it runs); only an injected clock or sleep that throws. The worker still goes on, after a timer.
      broken = true;
      this.#warnings.workerFailed(error);
    } finally {
      this.#pumping = false;
    }
    if (broken) this.#scheduler.resumeLater(() => this.#schedule());
    this.#notifyWaiters();
  }

  /** Starts one request if a slot is free, no pause runs and a batch is due; false when none could start. */
  #sendNext(): boolean {
    if (this.#batches.inFlight >= this.#scheduler.requestLimit) return false;
    const now = this.#options.now();
    if (this.#scheduler.pausedAt(now)) return false;
    // Ready batches go first; the partly filled one only once nothing is left to reduce and it has lingered
    // `lingerMs` since its first event (so a trickle fills it), or at once while a flush or shutdown waits.
    const partialDueAt = this.#partialDueAt();
    const batch = this.#batches.startNext(this.#queue.length === 0 && partialDueAt <= now, now);
    if (batch === undefined) {
      const dueAt = Math.min(this.#batches.nextDueAt(), this.#queue.length === 0 ? partialDueAt : Infinity);
      if (dueAt !== Infinity && dueAt > now) this.#scheduler.wakeAt(dueAt);
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

  /** Counts what became of the fact being reduced; it leaves the pending set in the same tick. */
  #finishReduce(outcome: ReduceOutcome): void {
    this.#reduction.finish();
    this.#accounting.reduced(outcome);
  }

  /**
   * Adds a fact's events to the batches while the pending bounds hold (checked per event, so they hold whatever a
   * fact expands into); the excess is dropped as `pending_full`, counted in events.
   */
  #appendEvents(events: string[], sizes: number[], seq: number): void {
    const limits = this.#limits;
    const { maxPendingFacts, maxPendingBytes } = limits;
    const queue = this.#queue;
    const batches = this.#batches;
    let dropped = 0;
    for (let index = 0; index < events.length; index += 1) {
      const size = sizes[index] ?? 0;
      this.#accounting.counters.emittedEvents += 1;
      if (queue.length + batches.events >= maxPendingFacts || queue.bytes + batches.bytes + size > maxPendingBytes) {
        dropped += 1;
        continue;
      }
      batches.append(events[index] ?? '', size, seq);
    }
    if (dropped === 0) return;
    this.#accounting.dropOverBounds(dropped, limits);
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
      this.#accounting.apply(batch, outcome);
    } catch (error) {
      this.#warnings.outcomeFailed(error);
    }
    this.#schedule();
    this.#notifyWaiters();
  }

  /** The enqueue number through which every fact is settled (sent, failed or dropped). */
  #settledThrough(): number {
    let oldest = this.#batches.oldestFactSeq();
    const { dequeued, reducing } = this.#reduction;
    if (this.#queue.length > 0) oldest = Math.min(oldest, dequeued + 1);
    if (reducing !== undefined) oldest = Math.min(oldest, reducing);
    return oldest === Infinity ? this.#enqueued : oldest - 1;
  }

  #notifyWaiters(): void {
    if (this.#waiters.size > 0) this.#waiters.notify(this.#settledThrough());
    if (this.#drain.full) this.#drain.update(this.#fill());
  }
}
