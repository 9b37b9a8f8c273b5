import type { ClientStats, DeliveryReport, DropReason, FailReason } from './delivery-report.js';

/** The running totals behind `stats()` and the delivery reports. */
export class DeliveryCounters {
  /** Facts recorded by `track*` calls (after dedupe), accepted or dropped at once. */
  recorded = 0;
  /** Facts whose reduction completed. */
  reducedFacts = 0;
  /** Events produced by the reducer. */
  emittedEvents = 0;
  sent = 0;
  failed = 0;
  requests = 0;
  retries = 0;
  readonly #dropped: Partial<Record<DropReason, number>> = {};
  readonly #failedByReason: Partial<Record<FailReason, number>> = {};

  drop(reason: DropReason, count: number): void {
    this.#dropped[reason] = (this.#dropped[reason] ?? 0) + count;
  }

  fail(reason: FailReason, events: number): void {
    this.failed += events;
    this.#failedByReason[reason] = (this.#failedByReason[reason] ?? 0) + events;
  }

  report(pending: number): DeliveryReport {
    return { sent: this.sent, failed: this.failed, dropped: { ...this.#dropped }, pending };
  }

  /** In facts before reduction, events after (see `ClientStats.enqueued`). */
  get enqueued(): number {
    return this.recorded + this.emittedEvents - this.reducedFacts;
  }

  stats(
    buffers: Pick<ClientStats, 'queuedFacts' | 'queuedBytes' | 'bufferedEvents' | 'bufferedBytes' | 'inFlightRequests'>,
  ): Omit<ClientStats, 'waiting'> {
    return {
      ...this.report(buffers.queuedFacts + buffers.bufferedEvents),
      enqueued: this.enqueued,
      reducedFacts: this.reducedFacts,
      emittedEvents: this.emittedEvents,
      failedByReason: { ...this.#failedByReason },
      ...buffers,
      requests: this.requests,
      retries: this.retries,
    };
  }
}
