import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import { DEDUPE_MAX_KEYS } from './dedupe-keys.js';
import { app, plugin, testSetup, tracking } from './__fixtures__/fixtures.js';

describe('app-used and plugin-used dedupe (upstream semantics)', () => {
  it('records an app once per (turn, connector): true, false, then true in another turn', async () => {
    const { options, reducer } = testSetup();
    const client = new AnalyticsEventsClient(options);
    client.trackAppUsed(tracking('turn-1'), app('connector_a'));
    client.trackAppUsed(tracking('turn-1'), app('connector_a'));
    client.trackAppUsed(tracking('turn-2'), app('connector_a'));
    client.trackAppUsed(tracking('turn-1'), app('connector_b'));
    await client.flush();
    expect(reducer.facts.map((fact) => fact.type === 'app_used' && [fact.tracking.turnId, fact.app.connectorId])).toEqual([
      ['turn-1', 'connector_a'],
      ['turn-2', 'connector_a'],
      ['turn-1', 'connector_b'],
    ]);
  });

  it('never dedupes an app without a connector id', async () => {
    const { options, reducer } = testSetup();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < 3; index += 1) client.trackAppUsed(tracking(), app(null));
    await client.flush();
    expect(reducer.facts).toHaveLength(3);
  });

  it('records a plugin once per (turn, plugin key)', async () => {
    const { options, reducer } = testSetup();
    const client = new AnalyticsEventsClient(options);
    client.trackPluginUsed(tracking('turn-1'), plugin('sample'));
    client.trackPluginUsed(tracking('turn-1'), plugin('sample'));
    client.trackPluginUsed(tracking('turn-2'), plugin('sample'));
    client.trackPluginUsed(tracking('turn-1'), plugin('other'));
    await client.flush();
    expect(reducer.facts).toHaveLength(3);
  });

  it('shares the app-used set between trackAppUsed and trackFact', async () => {
    const { options, reducer } = testSetup();
    const client = new AnalyticsEventsClient(options);
    client.trackAppUsed(tracking(), app());
    client.trackFact({ type: 'app_used', tracking: tracking(), app: app() });
    client.trackFact({ type: 'plugin_used', tracking: tracking(), plugin: plugin() });
    client.trackPluginUsed(tracking(), plugin());
    await client.flush();
    expect(reducer.facts.map((fact) => fact.type)).toEqual(['app_used', 'plugin_used']);
  });

  it('clears a full set (4096 keys), so a repeat is recorded again', async () => {
    const { options, reducer } = testSetup();
    const client = new AnalyticsEventsClient(options);
    for (let index = 0; index < DEDUPE_MAX_KEYS; index += 1) client.trackAppUsed(tracking(), app(`connector_${index}`));
    client.trackAppUsed(tracking(), app('connector_1'));
    client.trackAppUsed(tracking(), app('connector_1'));
    await client.flush();
    expect(reducer.facts).toHaveLength(DEDUPE_MAX_KEYS + 1);
  });

  it('consumes the key even when the fact is then dropped (queue full)', async () => {
    const { options, reducer } = testSetup({ maxPendingFacts: 1 });
    const client = new AnalyticsEventsClient(options);
    client.trackAppUsed(tracking(), app('connector_a'));
    client.trackAppUsed(tracking(), app('connector_b'));
    expect(client.stats().dropped).toEqual({ queue_full: 1 });
    await client.flush();
    client.trackAppUsed(tracking(), app('connector_b'));
    await client.flush();
    expect(reducer.facts).toHaveLength(1);
    // Recorded: connector_a (sent) and connector_b (dropped at once); the repeat of connector_b is deduped.
    expect(client.stats()).toMatchObject({ enqueued: 2, sent: 1, dropped: { queue_full: 1 } });
  });

  it('does not dedupe on a disabled client (the sets stay untouched)', () => {
    const client = AnalyticsEventsClient.disabled();
    client.trackAppUsed(tracking(), app());
    expect(client.stats().enqueued).toBe(0);
  });
});
