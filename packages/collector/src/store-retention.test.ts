import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStoreRetention } from './store-retention.js';

const day = 24 * 60 * 60 * 1000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('retention by day partitions', () => {
  it('drops exactly the days whose every moment is more than N days old, and keeps the rest', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 20 }), fc.integer({ min: 0, max: day - 1 }), async (days, ages, timeOfDay) => {
        const now = Date.UTC(2026, 11, 7) + timeOfDay;
        let partitions = ages.map((age) => dayOf(now - age * day));
        const retention = createStoreRetention({
          store: {
            partitions: () => Promise.resolve([...partitions, 'tuple()']),
            dropPartition: (dropped) => {
              partitions = partitions.filter((kept) => kept !== dropped);
              return Promise.resolve();
            },
            describe: String,
          },
          days,
          now: () => now,
          logger: { warn: () => undefined },
          schedule: () => ({ cancel: () => undefined }),
        });
        const dropped = await retention.sweep();
        for (const kept of partitions) expect(Date.parse(`${kept}T23:59:59.999Z`)).toBeGreaterThanOrEqual(now - days * day - day);
        for (const gone of dropped) expect(Date.parse(`${gone}T23:59:59.999Z`)).toBeLessThan(now - days * day);
        // Nothing newer than N days is ever dropped.
        expect(partitions).toEqual(ages.filter((age) => age <= days).map((age) => dayOf(now - age * day)));
      }),
    );
  });

  it('sweeps at start and then on its timer; a failing sweep is logged (redacted by the store) and tried again', async () => {
    const timers: { callback: () => void; ms: number }[] = [];
    const warnings: string[] = [];
    let calls = 0;
    const retention = createStoreRetention({
      store: {
        partitions: () => (++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve([])),
        dropPartition: () => Promise.resolve(),
        describe: (error) => (error as Error).message,
      },
      days: 7,
      now: () => 0,
      intervalMs: 1234,
      logger: { warn: (message) => void warnings.push(message) },
      schedule: (callback, ms) => {
        timers.push({ callback, ms });
        return { cancel: () => undefined };
      },
    });
    retention.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual(['collector: retention could not drop old partitions (down); trying again later']);
    expect(timers.map((timer) => timer.ms)).toEqual([1234]);
    timers[0]!.callback();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(2);
    expect(timers).toHaveLength(2);
    retention.stop();
    expect(() => createStoreRetention({ store: { partitions: () => Promise.resolve([]), dropPartition: () => Promise.resolve(), describe: String }, days: 0, now: () => 0, logger: { warn: () => undefined }, schedule: () => ({ cancel: () => undefined }) })).toThrow(/at least 1/);
  });
});
