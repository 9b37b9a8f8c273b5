import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsReducer } from './analytics-reducer.js';
import {
  initialize,
  ingestAll,
  resolvedConfig,
  threadResponse,
  tokenUsage,
  turnCompleted,
  turnStartRequest,
  turnStartResponse,
  turnStarted,
  turnSteerRequest,
} from './__fixtures__/fact-builders.js';

const newReducer = () => new AnalyticsReducer({ wireEra: 'seed', now: () => 1_716_000_000, gitLookup: () => Promise.resolve(undefined) });

describe('AnalyticsReducer.waiting(): nothing pending without a reason', () => {
  it('a turn with its request, response and completion but no resolved config waits for exactly that', async () => {
    const reducer = newReducer();
    const events = await ingestAll(reducer, [
      initialize(1),
      threadResponse(1, 'thread-1'),
      turnStartRequest(1, 5, 'thread-1'),
      turnStartResponse(1, 5, 'turn-1'),
      turnStarted('turn-1'),
      turnCompleted('turn-1'),
    ]);
    expect(events.map((event) => event.event_type)).toEqual(['codex_thread_initialized']);
    expect(reducer.waiting()).toEqual({
      turns: 1,
      requests: 0,
      waitingTurns: [{ turnId: 'turn-1', threadId: 'thread-1', waitingFor: ['turn_resolved_config'] }],
      waitingRequests: [],
    });
    await ingestAll(reducer, [resolvedConfig('turn-1', 'thread-1')]);
    expect(reducer.waiting()).toMatchObject({ turns: 0, waitingTurns: [] });
  });

  it('names each missing fact: the start response, the initialize, the thread, the completion', async () => {
    const reducer = newReducer();
    await ingestAll(reducer, [resolvedConfig('turn-a', 'thread-1'), turnStartRequest(2, 7, 'thread-2'), turnStartResponse(2, 7, 'turn-b')]);
    expect(reducer.waiting().waitingTurns).toEqual([
      { turnId: 'turn-a', threadId: 'thread-1', waitingFor: ['turn_start_response', 'turn_completed', 'thread_response'] },
      { turnId: 'turn-b', threadId: 'thread-2', waitingFor: ['initialize', 'turn_resolved_config', 'turn_completed', 'thread_response'] },
    ]);
  });

  it('lists requests awaiting their response, steers included', async () => {
    const reducer = newReducer();
    await ingestAll(reducer, [turnStartRequest(1, 'start-1', 'thread-1'), turnSteerRequest(1, 9, 'thread-1', 'turn-1')]);
    expect(reducer.waiting().waitingRequests).toEqual([
      { connectionId: 1, requestId: 'start-1', method: 'turn/start', threadId: 'thread-1', waitingFor: ['turn_start_response'] },
      { connectionId: 1, requestId: 9, method: 'turn/steer', threadId: 'thread-1', waitingFor: ['turn_steer_response'] },
    ]);
  });

  it('invariant: the lists are capped by the limit, the totals are exact, and every listed turn waits for something', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('config', 'usage', 'completed', 'request')), { maxLength: 60 }), fc.integer({ min: 0, max: 10 }), async (steps, limit) => {
        const reducer = newReducer();
        await ingestAll(reducer, [initialize(1), threadResponse(1, 'thread-1')]);
        for (const [turn, kind] of steps) {
          const turnId = `turn-${turn}`;
          const fact =
            kind === 'config' ? resolvedConfig(turnId, 'thread-1')
            : kind === 'usage' ? tokenUsage(turnId, 'thread-1')
            : kind === 'completed' ? turnCompleted(turnId)
            : turnStartRequest(1, turn, 'thread-1');
          await ingestAll(reducer, [fact]);
        }
        const waiting = reducer.waiting(limit);
        const stats = reducer.stats();
        expect(waiting.turns).toBe(stats.turns);
        expect(waiting.requests).toBe(stats.pendingRequests);
        expect(waiting.waitingTurns).toHaveLength(Math.min(limit, stats.turns));
        expect(waiting.waitingRequests).toHaveLength(Math.min(limit, stats.pendingRequests));
        for (const turn of waiting.waitingTurns) expect(turn.waitingFor.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
