import type { ClientEmitter } from '../client-events.js';
import type { ClientLimits } from '../client-limits.js';
import { DeliveryCounters } from './delivery-counters.js';
import type { DropReason } from './delivery-report.js';
import type { DeliveryWarnings } from './delivery-warnings.js';
import { splitBatch } from './event-batch.js';
import type { EventBatch } from './event-batch.js';
import type { PendingBatches } from './pending-batches.js';
import type { ReduceOutcome } from './reduce-fact.js';
import type { BatchOutcome } from './send-batch.js';
import type { SendScheduler } from './send-scheduler.js';

export type DropDetail = { factType?: string; path?: string; message?: string };

export interface DeliveryAccountingOptions {
  emitter: ClientEmitter;
  warnings: DeliveryWarnings;
  batches: PendingBatches;
  scheduler: SendScheduler;
  /** True once the client has stopped (a retry then waits for nothing). */
  stopped: () => boolean;
}

/**
 * What became of each fact and batch, counted once: the running totals (`counters`), the listener calls and the
 * warnings for drops and for each request's outcome. A batch's outcome also decides where it goes next (released,
 * requeued, split, backed off through the `SendScheduler`).
 */
export class DeliveryAccounting {
  readonly counters = new DeliveryCounters();
  readonly #options: DeliveryAccountingOptions;
  /** The queue refused a fact and has not taken one since. */
  #queueFull = false;

  constructor(options: DeliveryAccountingOptions) {
    this.#options = options;
  }

  /** Accounts for a request's outcome and moves its batch on. */
  apply(batch: EventBatch, outcome: BatchOutcome): void {
    const events = batch.events.length;
    const { emitter } = this.#options;
    if (outcome.kind !== 'skipped' && outcome.kind !== 'aborted') this.counters.requests += 1;
    switch (outcome.kind) {
      case 'sent':
        this.#options.batches.release(batch);
        this.counters.sent += events;
        this.#backendAnswered();
        this.#options.warnings.sent();
        emitter.emit('sent', { events, statusCode: outcome.statusCode, attempt: batch.attempts });
        return;
      case 'skipped':
        this.#options.batches.release(batch);
        this.drop(outcome.reason, events, 'event');
        this.#options.warnings.skipped(outcome.reason, events);
        return;
      case 'aborted':
        // Cut short by the shutdown deadline: not an attempt, and still pending in the report.
        batch.attempts -= 1;
        this.#options.batches.requeue(batch);
        return;
      case 'retry':
        this.#retry(batch, outcome);
        return;
      case 'split': {
        this.#backendAnswered();
        const [first, second] = splitBatch(batch);
        this.#options.batches.requeue(first);
        this.#options.batches.requeue(second);
        return;
      }
      case 'failed': {
        this.#options.batches.release(batch);
        if (outcome.statusCode !== undefined) this.#backendAnswered();
        const { reason, statusCode, message } = outcome;
        this.counters.fail(reason, events);
        emitter.emit('failed', { reason, events, statusCode, message });
        this.#options.warnings.failed(reason, statusCode, events, message);
        return;
      }
    }
  }

  /** A retryable result: the batch waits as the scheduler says; an outage is warned about. */
  #retry(batch: EventBatch, outcome: Extract<BatchOutcome, { kind: 'retry' }>): void {
    this.#options.batches.requeue(batch);
    if (this.#options.stopped()) return;
    const { statusCode, retryAfterMs, error } = outcome;
    const { delayMs, outage } = this.#options.scheduler.backOff(batch, retryAfterMs);
    this.counters.retries += 1;
    const events = batch.events.length;
    this.#options.emitter.emit('retry', { events, attempt: batch.attempts, delayMs, statusCode, retryAfterMs, error });
    if (outage) this.#options.warnings.outage(statusCode === undefined ? (error ?? 'network error') : `status ${statusCode}`);
  }

  /** The backend answered (any status but a retryable one): the outage, if any, is over. */
  #backendAnswered(): void {
    if (this.#options.scheduler.answered()) this.#options.warnings.outageEnded();
  }

  drop(reason: DropReason, count: number, unit: 'fact' | 'event', detail?: DropDetail): void {
    this.counters.drop(reason, count);
    const { emitter } = this.#options;
    if (emitter.has('dropped')) emitter.emit('dropped', { reason, count, unit, ...detail });
  }

  dropInvalid(factType: string | undefined, rawPath: string, message: string): void {
    const path = rawPath.length > 120 ? `${rawPath.slice(0, 120)}…` : rawPath;
    this.drop('invalid_fact', 1, 'fact', { factType, path, message });
    this.#options.warnings.factInvalid(factType, path, message);
  }

  /** Drops a fact or a batch's events over the pending bounds when a fact expanded past them. */
  dropOverBounds(dropped: number, limits: Pick<ClientLimits, 'maxPendingFacts' | 'maxPendingBytes'>): void {
    this.drop('pending_full', dropped, 'event');
    this.#options.warnings.eventsOverPendingBounds(dropped, limits);
  }

  /** The queue was full when a fact came. `describe` is read only when the warning's first line is logged. */
  dropQueueFull(describe: () => { pending: number; bytes: number; limits: ClientLimits }): void {
    this.drop('queue_full', 1, 'fact');
    this.#queueFull = true;
    this.#options.warnings.queueFull(describe);
  }

  /** The queue took a fact: a queue-full episode, if any, has cleared. */
  queueAccepting(): void {
    if (!this.#queueFull) return;
    this.#queueFull = false;
    this.#options.warnings.queueAccepting();
  }

  /** Input that could not become a fact (a malformed JSON-RPC message given to a tap): an `invalid_fact` drop. */
  dropInput(detail: { factType: string; path: string; message: string }): void {
    this.drop('invalid_fact', 1, 'fact', detail);
    this.#options.warnings.inputInvalid(detail.factType, detail.path, detail.message);
  }

  /** Counts what became of a fact the worker reduced: reduced, invalid, or the reducer failed on it. */
  reduced(outcome: ReduceOutcome): void {
    switch (outcome.kind) {
      case 'reduced':
        this.counters.reducedFacts += 1;
        return;
      case 'invalid':
        this.dropInvalid(safeFactType(outcome.factType), outcome.path, outcome.message);
        return;
      case 'error': {
        const factType = safeFactType(outcome.factType);
        const { message } = outcome;
        this.drop('reducer_error', 1, 'fact', { factType, message });
        this.#options.warnings.reducerFailed(factType, message);
        return;
      }
    }
  }
}

/** A fact type fit for logs: a known-looking identifier, or nothing (a caller's string is never echoed). */
function safeFactType(factType: string | undefined): string | undefined {
  return factType !== undefined && /^[a-z_]{1,64}$/.test(factType) ? factType : undefined;
}
