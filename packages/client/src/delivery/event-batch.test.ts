import fc from 'fast-check';
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
    expect(Buffer.from(batchBody(batch)).toString('utf8')).toBe(JSON.stringify({ events }));
    expect(batchBodyBytes(batch)).toBe(Buffer.byteLength(JSON.stringify({ events })));
    expect(Buffer.from(batchBody(batchOf([]))).toString('utf8')).toBe('{"events":[]}');
  });

  it('is byte for byte the UTF-8 of JSON.stringify({ events }) for any events, any text (property)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string());
    const event = fc.dictionary(text, fc.oneof(text, fc.integer(), fc.jsonValue()), { maxKeys: 5 });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const body = batchBody(batchOf(events));
        expect(Buffer.compare(Buffer.from(body), Buffer.from(JSON.stringify({ events }), 'utf8'))).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('a batch of more than 128 KiB (V8 large-object space) is still exact', () => {
    const events = Array.from({ length: 1_000 }, (_, index) => ({ event_type: 'codex_app_used', index, pad: 'é'.repeat(200) }));
    const body = batchBody(batchOf(events));
    expect(body.byteLength).toBeGreaterThan(128 * 1024);
    expect(Buffer.from(body).toString('utf8')).toBe(JSON.stringify({ events }));
  });

  it('falls back to building the body from the text when a recorded size is wrong, never sending stale bytes', () => {
    const events = [{ event_type: 'a', text: 'ü' }, { event_type: 'b' }];
    const batch = batchOf(events);
    batch.sizes[0] = 1;
    batch.bytes -= Buffer.byteLength(batch.events[0]!) - 1;
    expect(Buffer.from(batchBody(batch)).toString('utf8')).toBe(JSON.stringify({ events }));
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
