import fc from 'fast-check';
import { safeParseFact } from '@codex-analytics/facts';
import type { AnalyticsFact } from '@codex-analytics/facts';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { reduceFact } from './reduce-fact.js';
import type { ReduceFactContext, ReduceOutcome } from './reduce-fact.js';
import { FACT_SLICE_ITEMS } from './slice-fact.js';
import { EchoReducer } from '../__fixtures__/fake-reducer.js';
import { guardianReview, plugin, testSetup, tracking } from '../__fixtures__/fixtures.js';

// Invariant: no single fact blocks the worker for more than a slice. Every list a fact's schema declares is validated
// FACT_SLICE_ITEMS items at a time with a yield to the event loop between slices (list facts are reduced in slices
// too), and the result is the whole fact's, valid or not. Checked structurally: slices counted, an immediate
// scheduled before the fact runs before the fact is accepted. No timing is asserted.

const text = (index: number) => ({ type: 'text', text: `item ${index}`, text_elements: [] });
const turnStart = (items: unknown[]) => ({
  type: 'client_request',
  connectionId: 1,
  requestId: 'turn-start-1',
  request: { method: 'turn/start', id: 'turn-start-1', params: { threadId: 'thread-1', input: items } },
});
const guardian = (command: string[]) => ({ type: 'guardian_review', review: { ...guardianReview, reviewedAction: { ...guardianReview.reviewedAction, command } } });
const pluginState = (names: string[]) => ({
  type: 'plugin_state_changed',
  plugin: { ...plugin(), capabilitySummary: { configName: 'c', displayName: 'd', description: null, hasSkills: false, mcpServerNames: names, appConnectorIds: names } },
  state: 'installed',
});

function counting(reducer = new EchoReducer()) {
  let yields = 0;
  let accepted: AnalyticsFact | undefined;
  const context: ReduceFactContext = {
    reducer,
    onEvents: () => undefined,
    onAccepted: (fact) => {
      accepted = fact;
    },
    yieldToEventLoop: () => {
      yields += 1;
      return Promise.resolve();
    },
  };
  return { context, reducer, yields: () => yields, accepted: () => accepted };
}

describe('every large fact is validated in slices', () => {
  it.each([
    ['a turn/start of 120,000 input items', turnStart(Array.from({ length: 120_000 }, (_, index) => text(index))), 120_000],
    ['a guardian review of a 120,000-word command', guardian(Array.from({ length: 120_000 }, (_, index) => `arg${index}`)), 120_000],
    ['a plugin whose two lists hold 60,000 names each', pluginState(Array.from({ length: 60_000 }, (_, index) => `name${index}`)), 120_000],
  ])('%s: one yield per slice, and the accepted fact is the whole fact as parsed', async (_name, fact, items) => {
    const run = counting();
    const outcome = await reduceFact(fact, run.context);
    expect(outcome).toEqual({ kind: 'reduced' });
    expect(run.yields()).toBeGreaterThanOrEqual(Math.ceil(items / FACT_SLICE_ITEMS));
    const whole = safeParseFact(fact);
    expect(whole.success).toBe(true);
    expect(JSON.stringify(run.accepted())).toBe(JSON.stringify(whole.success ? whole.fact : undefined));
    // The reducer got the whole fact once: only list facts (one event per item) are reduced in slices.
    expect(run.reducer.facts).toHaveLength(1);
  });

  it('a timer of the event loop scheduled before a 120,000-item turn/start runs before the worker has accepted it', async () => {
    const { options } = testSetup();
    const client = new AnalyticsEventsClient(options);
    const order: string[] = [];
    client.on('accepted', ({ fact }) => order.push(`accepted ${fact.type}`));
    client.trackFact(turnStart(Array.from({ length: 120_000 }, (_, index) => text(index))) as AnalyticsFact);
    setImmediate(() => order.push('immediate'));
    const report = await client.flush();
    expect(report).toEqual({ sent: 1, failed: 0, dropped: {}, pending: 0 });
    expect(order).toEqual(['immediate', 'accepted client_request']);
  });

  it('an invalid item deep in a sliced list is reported at its path in the whole fact', async () => {
    const items: unknown[] = Array.from({ length: 2_000 }, (_, index) => text(index));
    items[1_500] = { type: 42 };
    const outcome = await reduceFact(turnStart(items), counting().context);
    expect(outcome).toMatchObject({ kind: 'invalid', factType: 'client_request', path: 'request.params.input[1500].type' });
  });

  it('invariant: slicing changes nothing: any list, valid or not, gives what the whole fact gives', async () => {
    const item = fc.oneof(
      { weight: 20, arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map(text) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>({ type: 7 }, null, 'text', { text: 'no type' }) },
    );
    const fact = fc.oneof(
      fc.array(item, { maxLength: 3 * FACT_SLICE_ITEMS }).map(turnStart),
      fc.array(fc.oneof({ weight: 20, arbitrary: fc.string() }, { weight: 1, arbitrary: fc.constant<unknown>(3) }), { maxLength: 3 * FACT_SLICE_ITEMS }).map((command) => guardian(command as string[])),
      fc.array(fc.string(), { maxLength: 2 * FACT_SLICE_ITEMS }).map(pluginState),
    );
    await fc.assert(
      fc.asyncProperty(fact, async (input) => {
        const run = counting();
        const outcome: ReduceOutcome = await reduceFact(input, run.context);
        const whole = safeParseFact(input);
        expect(outcome.kind).toBe(whole.success ? 'reduced' : 'invalid');
        if (whole.success) expect(JSON.stringify(run.accepted())).toBe(JSON.stringify(whole.fact));
        else if (outcome.kind === 'invalid') expect(outcome.path).toBe(whole.issues[0]?.path);
      }),
      { numRuns: 60 },
    );
  });
});

describe('list facts keep being reduced in slices', () => {
  it('1,000 mentions reach the reducer as slices of at most FACT_SLICE_ITEMS', async () => {
    const run = counting();
    const mentions = Array.from({ length: 1_000 }, (_, index) => ({ connectorId: `c${index}`, appName: 'A', invocationType: 'explicit' }));
    expect(await reduceFact({ type: 'app_mentioned', tracking: tracking(), mentions }, run.context)).toEqual({ kind: 'reduced' });
    expect(run.reducer.facts.map((fact) => (fact.type === 'app_mentioned' ? fact.mentions.length : 0))).toEqual([256, 256, 256, 232]);
  });
});
