import { afterEach, describe, expect, it } from 'vitest';
import { createAuthManager } from '@codex-analytics/auth';
import { AnalyticsEventsClient } from '@codex-analytics/client';
import { startCollector } from '@codex-analytics/collector';
import type { Collector } from '@codex-analytics/collector';
import { EXPECTED_EVENT_COUNTS, playCodexSession } from './codex-session.js';

let collector: Collector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

const total = Object.values(EXPECTED_EVENT_COUNTS).reduce((sum, count) => sum + count, 0);

describe('the real auth manager, client and collector together', () => {
  it('registers one background agent task and authorizes every request with a verified AgentAssertion', async () => {
    collector = await startCollector({ logger: { warn: () => undefined } });
    const warnings: string[] = [];
    const authManager = createAuthManager({
      credentials: { kind: 'chatgpt', accessToken: 'e2e-access-token', accountId: 'e2e-account' },
      chatgptBaseUrl: collector.backendUrl,
      backgroundAgentTaskAuth: 'enabled',
      allowedHosts: ['127.0.0.1'],
      logger: { warn: (message) => warnings.push(message) },
    });
    const client = new AnalyticsEventsClient({ authManager, baseUrl: collector.backendUrl, maxBatchEvents: 5 });
    playCodexSession(client);
    const report = await client.shutdown({ timeoutMs: 10_000 });

    expect(report).toEqual({ sent: total, failed: 0, dropped: {}, pending: 0 });
    const agents = collector.agents();
    expect(agents).toHaveLength(1);
    const stored = collector.events();
    expect(stored).toHaveLength(total);
    // Several requests (batches of 5), each with its own fresh assertion, all verified against the one agent.
    expect(collector.stats().acceptedRequests).toBeGreaterThan(1);
    for (const entry of stored) {
      expect(entry).toMatchObject({ authScheme: 'agent_assertion', accountId: 'e2e-account', agentRuntimeId: agents[0]!.agentRuntimeId });
    }
    expect(warnings).toEqual([]);
  });

  it('falls back to bearer, with one warning, when the backend host is not allowed', async () => {
    collector = await startCollector({ logger: { warn: () => undefined } });
    const warnings: string[] = [];
    const authManager = createAuthManager({
      credentials: { kind: 'chatgpt', accessToken: 'e2e-access-token', accountId: 'e2e-account' },
      chatgptBaseUrl: collector.backendUrl,
      backgroundAgentTaskAuth: 'enabled',
      logger: { warn: (message) => warnings.push(message) },
    });
    const client = new AnalyticsEventsClient({ authManager, baseUrl: collector.backendUrl });
    playCodexSession(client);
    const report = await client.shutdown({ timeoutMs: 10_000 });
    expect(report.sent).toBe(total);
    expect(collector.agents()).toEqual([]);
    expect(new Set(collector.events().map((entry) => entry.authScheme))).toEqual(new Set(['bearer']));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain('e2e-access-token');
  });
});
