import { batchIsFullFor, createBatch, insertInOrder } from './event-batch.js';
import type { EventBatch } from './event-batch.js';

/**
 * Every reduced event not yet settled, in batches: the one being filled, those ready to go (full batches, retries
 * and split halves, ordered by their first event) and those in flight, with their count and bytes for the bound.
 */
export class PendingBatches {
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #building: EventBatch | undefined;
  /** When the batch being filled got its first event (epoch ms), for the linger. */
  #buildingOpenedAt = 0;
  readonly #now: () => number;
  readonly #ready: EventBatch[] = [];
  readonly #inFlight = new Set<EventBatch>();
  #eventSeq = 0;
  #events = 0;
  #bytes = 0;

  constructor(maxEvents: number, maxBytes: number, now: () => number) {
    this.#maxEvents = maxEvents;
    this.#maxBytes = maxBytes;
    this.#now = now;
  }

  /** When the batch being filled got its first event; `Infinity` when none is being filled. */
  get buildingOpenedAt(): number {
    return this.#building === undefined || this.#building.events.length === 0 ? Infinity : this.#buildingOpenedAt;
  }

  /** Events held (building, ready and in flight). */
  get events(): number {
    return this.#events;
  }

  /** Their serialized bytes. */
  get bytes(): number {
    return this.#bytes;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Adds one serialized event to the batch being filled; a full batch moves to the ready list first. */
  append(event: string, bytes: number, factSeq: number): void {
    let batch = this.#building;
    if (batch !== undefined && batchIsFullFor(batch, bytes, this.#maxEvents, this.#maxBytes)) {
      insertInOrder(this.#ready, batch);
      batch = undefined;
    }
    if (batch === undefined) {
      batch = createBatch(this.#eventSeq, factSeq);
      this.#building = batch;
      this.#buildingOpenedAt = this.#now();
    }
    batch.events.push(event);
    batch.sizes.push(bytes);
    batch.bytes += bytes;
    this.#eventSeq += 1;
    this.#events += 1;
    this.#bytes += bytes;
  }

  /**
   * The oldest ready batch that is due at `now` (batches backing off on their own wait), or else (when
   * `takePartial`) the batch being filled; it is now in flight.
   */
  startNext(takePartial: boolean, now: number): EventBatch | undefined {
    let batch: EventBatch | undefined;
    const ready = this.#ready;
    for (let index = 0; index < ready.length; index += 1) {
      const candidate = ready[index];
      if (candidate !== undefined && candidate.notBefore <= now) {
        batch = candidate;
        ready.splice(index, 1);
        break;
      }
    }
    if (batch === undefined && takePartial) {
      batch = this.#building;
      this.#building = undefined;
    }
    if (batch !== undefined) this.#inFlight.add(batch);
    return batch;
  }

  /** When the next ready batch falls due: 0 when one is due now or has no wait, `Infinity` when none is ready. */
  nextDueAt(): number {
    let at = Infinity;
    for (const batch of this.#ready) if (batch.notBefore < at) at = batch.notBefore;
    return at;
  }

  /** Marks every batch whose wait ends by `at` as due (a served wait counts even if an injected clock did not move). */
  releaseDue(at: number): void {
    for (const batch of this.#ready) if (batch.notBefore <= at) batch.notBefore = 0;
  }

  /** The send of an in-flight batch ended. */
  endSend(batch: EventBatch): void {
    this.#inFlight.delete(batch);
  }

  /** Puts a batch (a retry or a split half) back among the ready ones, in event order. */
  requeue(batch: EventBatch): void {
    insertInOrder(this.#ready, batch);
  }

  /** Forgets a settled batch: sent, failed or dropped. */
  release(batch: EventBatch): void {
    this.#events -= batch.events.length;
    this.#bytes -= batch.bytes;
  }

  /** The oldest fact with an unsettled event; `Infinity` when none. */
  oldestFactSeq(): number {
    let oldest = this.#building?.minFactSeq ?? Infinity;
    for (const batch of this.#ready) oldest = Math.min(oldest, batch.minFactSeq);
    for (const batch of this.#inFlight) oldest = Math.min(oldest, batch.minFactSeq);
    return oldest;
  }
}
