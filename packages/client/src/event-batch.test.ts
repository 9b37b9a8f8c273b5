import { describe, expect, it } from 'vitest';
import { batchBody, batchBodyBytes, batchIsFullFor, createBatch, splitBatch } from './event-batch.js';
import type { EventBatch } from './event-batch.js';

function batchOf(events: unknown[]): EventBatch {
  const batch = createBatch(10, 3);
  for (const event of events) {
    const text = JSON.stringify(event);
    batch.events.push(text);
    batch.sizes.push(Buffer.byteLength(text));
    batch.bytes += Buffer.byteLength(text);
  }
  return batch;
}

describe('event batches', () => {
  it('serializes exactly as JSON.stringify({ events }) and measures the body', () => {
    const events = [{ event_type: 'a', n: 1 }, { event_type: 'b', text: 'é' }];
    const batch = batchOf(events);
    expect(batchBody(batch)).toBe(JSON.stringify({ events }));
    expect(batchBodyBytes(batch)).toBe(Buffer.byteLength(JSON.stringify({ events })));
    expect(batchBody(batchOf([]))).toBe('{"events":[]}');
  });

  it('is full when either cap would be passed, but always takes a first event', () => {
    const batch = batchOf([{ a: 1 }]);
    expect(batchIsFullFor(batch, 7, 1, 1_000)).toBe(true);
    expect(batchIsFullFor(batch, 7, 10, batchBodyBytes(batch) + 8)).toBe(false);
    expect(batchIsFullFor(batch, 7, 10, batchBodyBytes(batch) + 7)).toBe(true);
    expect(batchIsFullFor(batchOf([]), 1e9, 1, 10)).toBe(false);
  });

  it('splits in ordered halves with their own sizes', () => {
    const batch = batchOf([1, 22, 333, 4444, 55555]);
    batch.attempts = 3;
    const [first, second] = splitBatch(batch);
    expect(first.events).toEqual(['1', '22', '333']);
    expect(second.events).toEqual(['4444', '55555']);
    expect(first.bytes).toBe(6);
    expect(second.bytes).toBe(9);
    expect(first.firstEventSeq).toBe(10);
    expect(second.firstEventSeq).toBe(13);
    expect(second.minFactSeq).toBe(3);
    expect(first.attempts).toBe(0);
  });
});
