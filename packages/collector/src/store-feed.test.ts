import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoreCursor } from './collector-store.js';
import { createEventStore } from './event-store.js';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import type { StoredEvent } from './stored-event.js';
import { createStoreFeed } from './store-feed.js';

/** A store as several collectors see it: rows (key, store time) in (time, key) order, inserted in any order. */
function fakeStore() {
  const rows: StoredEvent[] = [];
  const sorted = () => [...rows].sort((a, b) => a.receivedAt - b.receivedAt || (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0));
  const after = (cursor: StoreCursor) => (row: StoredEvent) => row.receivedAt > cursor.at || (row.receivedAt === cursor.at && row.key! > cursor.key);
  return {
    insert: (key: string, at: number) =>
      rows.push({ id: 1, requestId: 1, receivedAt: at, accountId: 'a', authScheme: 'bearer', agentRuntimeId: null, event: hookRunEvent('t', key), key }),
    store: {
      describe: (error: unknown) => String(error),
      latest: (limit: number) => {
        const events = sorted().slice(-limit);
        const last = events.at(-1);
        return Promise.resolve({ events, cursor: last === undefined ? { at: 0, key: '' } : { at: last.receivedAt, key: last.key! } });
      },
      keysAfter: (cursor: StoreCursor, limit: number) => {
        const keys = sorted()
          .filter(after(cursor))
          .slice(0, limit)
          .map((row) => ({ key: row.key!, at: row.receivedAt }));
        const last = keys.at(-1);
        return Promise.resolve({ keys, cursor: last === undefined ? cursor : { at: last.at, key: last.key } });
      },
      eventsByKeys: (keys: ReadonlyArray<{ key: string }>) => {
        const wanted = new Set(keys.map((entry) => entry.key));
        return Promise.resolve(rows.filter((row) => wanted.has(row.key!)));
      },
    },
  };
}

describe('the store feed (the live view of a shared store)', () => {
  it('shows every key exactly once: late inserts within the lag, retried duplicates, pages smaller than a poll', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('insert' as const), lateBy: fc.integer({ min: 0, max: 999 }), advance: fc.integer({ min: 0, max: 300 }) }),
            fc.record({ kind: fc.constant('retry' as const), pick: fc.nat(), advance: fc.integer({ min: 0, max: 300 }) }),
            fc.record({ kind: fc.constant('poll' as const) }),
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        async (steps, pageSize, keyPageSize) => {
          const { insert, store } = fakeStore();
          const view = createEventStore();
          const feed = createStoreFeed({ store, view, logger: { warn: () => undefined }, lagMs: 1000, pageSize, keyPageSize, schedule: () => ({ cancel: () => undefined }) });
          let clock = 10_000;
          const keys: string[] = [];
          for (const step of steps) {
            if (step.kind === 'poll') await feed.pollNow();
            else if (step.kind === 'insert') {
              clock += step.advance;
              const key = `k${keys.length}`;
              keys.push(key);
              // Another collector's insert, stamped up to the lag before the newest one.
              insert(key, clock - step.lateBy);
            } else if (keys.length > 0) {
              clock += step.advance;
              // A retried request: the same key again, later (the store keeps both rows until it merges them).
              insert(keys[step.pick % keys.length]!, clock);
            }
          }
          await feed.pollNow();
          const shown = view.list().map((stored) => stored.key);
          expect([...shown].sort()).toEqual([...keys].sort());
          // The view numbers events in the order it saw them.
          expect(view.list().map((stored) => stored.id)).toEqual(shown.map((_, index) => index + 1));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('shows an event this process stored at once, and not again when the poll reads it', async () => {
    const { insert, store } = fakeStore();
    const view = createEventStore();
    const feed = createStoreFeed({ store, view, logger: { warn: () => undefined }, schedule: () => ({ cancel: () => undefined }) });
    await feed.pollNow();
    insert('own', 5);
    feed.ownStored([{ id: 99, requestId: 1, receivedAt: 5, accountId: 'a', authScheme: 'bearer', agentRuntimeId: null, event: hookRunEvent(), key: 'own' }]);
    expect(view.list().map((stored) => [stored.id, stored.key])).toEqual([[1, 'own']]);
    await feed.pollNow();
    expect(view.size).toBe(1);
  });

  it('a store that fails is reported once per episode and read again on the next poll', async () => {
    const warnings: string[] = [];
    let failing = true;
    const { insert, store } = fakeStore();
    const flaky = { ...store, keysAfter: (cursor: StoreCursor, limit: number) => (failing ? Promise.reject(new Error('Connection refused')) : store.keysAfter(cursor, limit)) };
    const view = createEventStore();
    const feed = createStoreFeed({ store: flaky, view, logger: { warn: (message) => void warnings.push(message) }, schedule: () => ({ cancel: () => undefined }) });
    await feed.pollNow();
    await feed.pollNow();
    expect(warnings).toEqual(['collector: cannot read the ClickHouse store (Error: Connection refused); retrying']);
    failing = false;
    insert('k', 1);
    await feed.pollNow();
    expect(view.size).toBe(1);
    expect(warnings.at(-1)).toBe('collector: the ClickHouse store is read again');
  });
});
