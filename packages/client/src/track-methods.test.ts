import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import {
  app,
  compaction,
  guardianReview,
  hook,
  initializeParams,
  otherResponse,
  plugin,
  resolvedConfig,
  runtime,
  skill,
  subagentInput,
  testSetup,
  tokenUsage,
  tracking,
  turnStartedNotification,
  turnStartRequest,
} from './__fixtures__/fixtures.js';

async function factsOf(record: (client: AnalyticsEventsClient) => void) {
  const { options, reducer } = testSetup();
  const client = new AnalyticsEventsClient(options);
  record(client);
  const report = await client.flush();
  return { facts: reducer.facts, report, stats: client.stats() };
}

describe('track* methods build the facts of the facts package', () => {
  it('custom facts with a tracking context', async () => {
    const { facts, report } = await factsOf((client) => {
      client.trackSkillInvocations(tracking(), [skill]);
      client.trackAppMentioned(tracking(), [app()]);
      client.trackAppUsed(tracking(), app());
      client.trackHookRun(tracking(), hook);
      client.trackPluginUsed(tracking(), plugin());
    });
    expect(facts).toEqual([
      { type: 'skill_invoked', tracking: tracking(), invocations: [skill] },
      { type: 'app_mentioned', tracking: tracking(), mentions: [app()] },
      { type: 'app_used', tracking: tracking(), app: app() },
      { type: 'hook_run', tracking: tracking(), hook },
      { type: 'plugin_used', tracking: tracking(), plugin: plugin() },
    ]);
    expect(report).toEqual({ sent: 5, failed: 0, dropped: {}, pending: 0 });
  });

  it('today\'s turn facts from Codex core: a turn\'s profile and its Codex error', async () => {
    const profile = {
      turnId: 'turn-1',
      profile: { beforeFirstSamplingMs: 1, samplingMs: 2, betweenSamplingOverheadMs: 3, toolBlockingMs: 4, afterLastSamplingMs: 5, samplingRequestCount: 1, samplingRetryCount: 0 },
    };
    const codexError = { turnId: 'turn-1', threadId: 'thread-1', error: { kind: 'invalid_prompt', httpStatusCode: 400 } };
    const { facts, report } = await factsOf((client) => {
      client.trackTurnProfile(profile);
      client.trackTurnCodexError(codexError);
    });
    expect(report.dropped).toEqual({});
    expect(facts).toEqual([
      { type: 'turn_profile', profile },
      { type: 'turn_codex_error', error: codexError },
    ]);
  });

  it('custom facts without a tracking context', async () => {
    const { facts, report } = await factsOf((client) => {
      client.trackSubagentThreadStarted(subagentInput);
      client.trackGuardianReview(guardianReview);
      client.trackCompaction(compaction);
      client.trackTurnResolvedConfig(resolvedConfig);
      client.trackTurnTokenUsage(tokenUsage);
      client.trackPluginInstalled(plugin());
      client.trackPluginUninstalled(plugin());
      client.trackPluginEnabled(plugin());
      client.trackPluginDisabled(plugin());
    });
    expect(report.dropped).toEqual({});
    expect(facts).toEqual([
      { type: 'subagent_thread_started', input: subagentInput },
      { type: 'guardian_review', review: guardianReview },
      { type: 'compaction', event: compaction },
      { type: 'turn_resolved_config', config: resolvedConfig },
      { type: 'turn_token_usage', usage: tokenUsage },
      { type: 'plugin_state_changed', plugin: plugin(), state: 'installed' },
      { type: 'plugin_state_changed', plugin: plugin(), state: 'uninstalled' },
      { type: 'plugin_state_changed', plugin: plugin(), state: 'enabled' },
      { type: 'plugin_state_changed', plugin: plugin(), state: 'disabled' },
    ]);
  });

  it('protocol facts, with the runtime metadata captured at call time', async () => {
    let version = 'first';
    const { options, reducer } = testSetup({ runtimeMetadata: () => ({ ...runtime, codex_rs_version: version }) });
    const client = new AnalyticsEventsClient(options);
    client.trackInitialize(7, initializeParams, 'codex_vscode', 'stdio');
    version = 'second';
    client.trackRequest(7, 3, turnStartRequest);
    client.trackResponse(7, otherResponse);
    client.trackErrorResponse(7, 4, { code: -32600, message: 'no active turn' }, { kind: 'turn_steer', error: 'no_active_turn' });
    client.trackErrorResponse(7, 'req-5', { code: -1, message: 'boom' });
    client.trackNotification(turnStartedNotification);
    const report = await client.flush();
    expect(report.dropped).toEqual({});
    expect(reducer.facts).toEqual([
      {
        type: 'initialize',
        connectionId: 7,
        params: initializeParams,
        productClientId: 'codex_vscode',
        runtime: { ...runtime, codex_rs_version: 'first' },
        rpcTransport: 'stdio',
      },
      { type: 'client_request', connectionId: 7, requestId: 3, request: turnStartRequest },
      { type: 'client_response', connectionId: 7, response: otherResponse },
      {
        type: 'error_response',
        connectionId: 7,
        requestId: 4,
        error: { code: -32600, message: 'no active turn' },
        errorType: { kind: 'turn_steer', error: 'no_active_turn' },
      },
      { type: 'error_response', connectionId: 7, requestId: 'req-5', error: { code: -1, message: 'boom' }, errorType: null },
      { type: 'notification', notification: turnStartedNotification },
    ]);
  });

  it('trackFact records a prebuilt fact', async () => {
    const { facts } = await factsOf((client) => {
      client.trackFact({ type: 'hook_run', tracking: tracking(), hook });
    });
    expect(facts).toEqual([{ type: 'hook_run', tracking: tracking(), hook }]);
  });

  it('empty skill and mention lists are no-ops', async () => {
    const { facts, stats } = await factsOf((client) => {
      client.trackSkillInvocations(tracking(), []);
      client.trackAppMentioned(tracking(), []);
    });
    expect(facts).toEqual([]);
    expect(stats.enqueued).toBe(0);
    expect(stats.requests).toBe(0);
  });
});

describe('disabled clients', () => {
  it('AnalyticsEventsClient.disabled() records nothing', async () => {
    const client = AnalyticsEventsClient.disabled();
    expect(client.enabled).toBe(false);
    client.trackAppUsed(tracking(), app());
    client.trackHookRun(tracking(), hook);
    expect(client.stats().enqueued).toBe(0);
    expect(client.on('sent', () => undefined)).toBeTypeOf('function');
    await expect(client.flush()).resolves.toEqual({ sent: 0, failed: 0, dropped: {}, pending: 0 });
    await expect(client.shutdown()).resolves.toEqual({ sent: 0, failed: 0, dropped: {}, pending: 0 });
  });

  it('analyticsEnabled: false behaves like disabled() and never touches the transport', async () => {
    const { options, transport, reducer } = testSetup({ analyticsEnabled: false });
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await client.shutdown();
    expect(client.enabled).toBe(false);
    expect(reducer.facts).toEqual([]);
    expect(transport.requests).toEqual([]);
    expect(transport.closed).toBe(0);
  });

  it('analyticsEnabled: undefined, null and true all enable (opt-out)', () => {
    for (const analyticsEnabled of [undefined, null, true]) {
      expect(new AnalyticsEventsClient(testSetup({ analyticsEnabled }).options).enabled).toBe(true);
    }
  });
});
