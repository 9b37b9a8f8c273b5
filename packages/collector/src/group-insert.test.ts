import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupInsert } from './group-insert.js';

/** An insert whose calls wait until the test settles them. */
function controlledInsert() {
  const calls: Array<{ rows: number[]; tokens: string[]; succeed: () => void; fail: (error: Error) => void }> = [];
  const insert = (rows: number[], tokens: string[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ rows, tokens, succeed: resolve, fail: reject });
    });
  return { calls, insert };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupInsert', () => {
  it('inserts a lone request at once, and groups the requests that queue behind busy slots into one insert', async () => {
    const { calls, insert } = controlledInsert();
    const group = new GroupInsert(insert, { maxInFlight: 1 });
    const first = group.add([1, 2], 'a');
    expect(calls.map((call) => call.rows)).toEqual([[1, 2]]);
    const second = group.add([3], 'b');
    const third = group.add([4, 5], 'c');
    expect(calls).toHaveLength(1);
    expect(group.queued).toBe(2);
    calls[0]!.succeed();
    await first;
    await tick();
    expect(calls.map((call) => call.rows)).toEqual([[1, 2], [3, 4, 5]]);
    expect(calls[1]!.tokens).toEqual(['b', 'c']);
    calls[1]!.succeed();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('fails exactly the requests of a refused insert; the next ones are inserted again', async () => {
    const { calls, insert } = controlledInsert();
    const group = new GroupInsert(insert, { maxInFlight: 1 });
    const first = group.add([1], 'a');
    const second = group.add([2], 'b');
    const refused = new Error('shard down');
    calls[0]!.fail(refused);
    await expect(first).rejects.toBe(refused);
    await tick();
    calls[1]!.succeed();
    await expect(second).resolves.toBeUndefined();
  });

  it('caps an insert at maxRows (a larger request still goes alone)', async () => {
    const { calls, insert } = controlledInsert();
    const group = new GroupInsert(insert, { maxInFlight: 1, maxRows: 3 });
    void group.add([0], 'x');
    void group.add([1, 2], 'a');
    void group.add([3, 4], 'b');
    void group.add([5, 6, 7, 8], 'c');
    calls[0]!.succeed();
    await tick();
    calls[1]!.succeed();
    await tick();
    calls[2]!.succeed();
    await tick();
    expect(calls.map((call) => call.rows)).toEqual([[0], [1, 2], [3, 4], [5, 6, 7, 8]]);
  });

  it('property: a request resolves only if an insert carrying all its rows succeeded, and rejects otherwise; every row is in exactly one insert', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ rows: fc.integer({ min: 1, max: 5 }), outcome: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 12 }),
        async (requests, maxInFlight, maxRows) => {
          const { calls, insert } = controlledInsert();
          const group = new GroupInsert(insert, { maxInFlight, maxRows });
          let nextRow = 0;
          const added = requests.map((request) => {
            const rows = Array.from({ length: request.rows }, () => nextRow++);
            const settled = group.add(rows, String(rows[0])).then(
              () => 'stored' as const,
              () => 'refused' as const,
            );
            return { rows, settled };
          });
          // Settle the inserts in order, each by the outcome drawn for its first request.
          const outcomes = new Map<number, boolean>();
          for (let settledCalls = 0; settledCalls < calls.length || group.queued > 0; settledCalls += 1) {
            await tick();
            const call = calls[settledCalls];
            if (call === undefined) break;
            const ok = requests[added.findIndex((entry) => entry.rows[0] === call.rows[0])]?.outcome ?? true;
            for (const row of call.rows) outcomes.set(row, ok);
            if (ok) call.succeed();
            else call.fail(new Error('refused'));
          }
          const results = await Promise.all(added.map((entry) => entry.settled));
          const inserted = calls.flatMap((call) => call.rows);
          expect([...inserted].sort((a, b) => a - b)).toEqual(Array.from({ length: nextRow }, (_, row) => row));
          added.forEach((entry, index) => {
            const stored = entry.rows.every((row) => outcomes.get(row) === true);
            expect(results[index]).toBe(stored ? 'stored' : 'refused');
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
