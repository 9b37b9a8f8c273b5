import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TurnTokenUsageTracker } from './turn-token-usage-tracker.js';

const total = (n: number) => ({ totalTokens: n, inputTokens: n - 30, cachedInputTokens: 10, outputTokens: 30, reasoningOutputTokens: 5 });
const update = (threadId: string, turnId: string, n: number) => ({ threadId, turnId, tokenUsage: { total: total(n), last: total(0) } });

describe('TurnTokenUsageTracker', () => {
  it('a turn uses its thread total at its last update minus the total before it started; a fork starts from its parent', () => {
    const tracker = new TurnTokenUsageTracker(8, 8);
    tracker.turnStarted('t1', 'a');
    tracker.updated(update('t1', 'a', 150));
    tracker.updated(update('t1', 'a', 300));
    expect(tracker.turnCompleted('a', 'completed')).toMatchObject({ totalTokens: 300 });
    // The fork reports its parent's total under the parent's turn, before its own turn starts.
    tracker.updated(update('t2', 'a', 300));
    tracker.turnStarted('t2', 'b');
    tracker.updated(update('t2', 'b', 450));
    expect(tracker.turnCompleted('b', 'completed')).toEqual({ totalTokens: 150, inputTokens: 150, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0 });
  });

  it('a failed turn without an update used zero; an interrupted one reports nothing; bad counts are ignored', () => {
    const tracker = new TurnTokenUsageTracker(8, 8);
    tracker.turnStarted('t1', 'a');
    expect(tracker.turnCompleted('a', 'failed')).toEqual({ totalTokens: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0 });
    tracker.turnStarted('t1', 'b');
    tracker.updated({ threadId: 't1', turnId: 'b', tokenUsage: { total: { ...total(10), outputTokens: 1.5 } } });
    tracker.updated(null);
    expect(tracker.turnCompleted('b', 'interrupted')).toBeUndefined();
  });

  // Invariant: whatever the interleaving of threads, turns and updates (totals only grow within a thread), a turn's
  // usage is exactly the sum of the increments reported while it ran, and the maps stay within their caps.
  it('property: a turn reports exactly the tokens added on its thread while it ran', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('start' as const), thread: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ kind: fc.constant('add' as const), thread: fc.integer({ min: 0, max: 2 }), tokens: fc.integer({ min: 0, max: 1_000 }) }),
      fc.record({ kind: fc.constant('complete' as const), thread: fc.integer({ min: 0, max: 2 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const tracker = new TurnTokenUsageTracker(4, 4);
        const totals = [0, 0, 0];
        const running: (undefined | { id: string; added: number; updates: number })[] = [undefined, undefined, undefined];
        let nextTurn = 0;
        for (const s of steps) {
          const thread = `thread-${s.thread}`;
          const turn = running[s.thread];
          if (s.kind === 'start') {
            if (turn !== undefined) continue;
            const id = `turn-${(nextTurn += 1)}`;
            running[s.thread] = { id, added: 0, updates: 0 };
            tracker.turnStarted(thread, id);
          } else if (s.kind === 'add') {
            totals[s.thread]! += s.tokens;
            if (turn !== undefined) {
              turn.added += s.tokens;
              turn.updates += 1;
            }
            tracker.updated(update(thread, turn?.id ?? 'turn-before', totals[s.thread]!));
          } else if (turn !== undefined) {
            running[s.thread] = undefined;
            const usage = tracker.turnCompleted(turn.id, 'completed');
            if (turn.updates === 0) expect(usage).toBeUndefined();
            else expect(usage?.totalTokens).toBe(turn.added);
          }
          expect(tracker.threads).toBeLessThanOrEqual(4);
          expect(tracker.turns).toBeLessThanOrEqual(4);
        }
      }),
      { numRuns: 300 },
    );
  });
});
