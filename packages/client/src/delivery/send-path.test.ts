import { createStaticAuthManager } from '@codex-analytics/auth';
import type { AuthManager, CodexAuth } from '@codex-analytics/auth';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import type { ClientLogger } from '../client-logger.js';
import type { DroppedEvent } from '../client-events.js';
import { hook, testSetup, tracking } from '../__fixtures__/fixtures.js';

function chatgptAuth(overrides: Partial<CodexAuth> = {}): CodexAuth {
  return {
    kind: 'chatgpt',
    isChatgptAuth: () => true,
    getToken: () => 'secret-token',
    getAccountId: () => 'account-1',
    isFedrampAccount: () => false,
    ...overrides,
  };
}

function managerFor(auth: CodexAuth | undefined, header: string | undefined): AuthManager {
  return {
    auth: () => Promise.resolve(auth),
    chatgptAuthorizationHeaderForAuth: () => Promise.resolve(header),
    chatgptBearerAuthorizationHeaderForAuth: () => header,
  };
}

describe('the send path of the seed', () => {
  it('POSTs {"events":[...]} to baseUrl without trailing slashes + the events path, with the seed headers', async () => {
    const { options, transport } = testSetup({ baseUrl: 'https://chatgpt.example/backend-api///' });
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    client.trackHookRun(tracking('turn-2'), hook);
    await client.flush();
    expect(transport.requests).toHaveLength(1);
    const [request] = transport.requests;
    expect(request?.url).toBe('https://chatgpt.example/backend-api/codex/analytics-events/events');
    expect(request?.headers).toEqual({
      authorization: 'Bearer secret-token',
      'chatgpt-account-id': 'account-1',
      'content-type': 'application/json',
      originator: 'codex_cli_rs',
      'user-agent': expect.stringMatching(/^codex_cli_rs\/1\.2\.3 \([^;()]+ 24\.04; x86_64\) \S+$/),
    });
    expect(request?.body).toBe(
      JSON.stringify({
        events: [
          { event_type: 'echo', seq: 0, fact_type: 'hook_run' },
          { event_type: 'echo', seq: 1, fact_type: 'hook_run' },
        ],
      }),
    );
  });

  it('adds x-openai-fedramp: true for FedRAMP accounts only, and uses the manager header as is', async () => {
    const { options, transport } = testSetup({
      authManager: createStaticAuthManager({
        accessToken: 'secret-token',
        accountId: 'account-9',
        fedramp: true,
        authorizationHeader: 'AgentAssertion abc',
      }),
    });
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await client.flush();
    expect(transport.requests[0]?.headers).toEqual({
      authorization: 'AgentAssertion abc',
      'chatgpt-account-id': 'account-9',
      'content-type': 'application/json',
      'x-openai-fedramp': 'true',
      originator: 'codex_cli_rs',
      'user-agent': expect.stringMatching(/^codex_cli_rs\//),
    });
  });

  it('sends nothing when the reducer emits no events', async () => {
    const { options, transport, reducer } = testSetup();
    reducer.emit = () => [];
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    const report = await client.flush();
    expect(transport.requests).toHaveLength(0);
    expect(report).toEqual({ sent: 0, failed: 0, dropped: {}, pending: 0 });
  });

  const throwing: AuthManager = {
    auth: () => Promise.reject(new Error('secret-token leaked?')),
    chatgptAuthorizationHeaderForAuth: () => Promise.resolve(undefined),
    chatgptBearerAuthorizationHeaderForAuth: () => undefined,
  };
  const throwingHeader: AuthManager = {
    ...managerFor(chatgptAuth(), 'Bearer secret-token'),
    chatgptAuthorizationHeaderForAuth: () => {
      throw new Error('boom secret-token');
    },
  };
  const cases: [string, AuthManager][] = [
    ['no_auth', createStaticAuthManager(undefined)],
    ['non_chatgpt_auth', createStaticAuthManager({ apiKey: 'sk-secret' })],
    ['no_authorization_header', managerFor(chatgptAuth(), undefined)],
    ['no_account_id', managerFor(chatgptAuth({ getAccountId: () => undefined }), 'Bearer secret-token')],
    ['auth_error', throwing],
    ['auth_error', throwingHeader],
  ];
  for (const [reason, authManager] of cases) {
    it(`skips the batch and counts its events as dropped: ${reason}`, async () => {
      const warnings: string[] = [];
      const logger: ClientLogger = { warn: (message) => warnings.push(message) };
      const { options, transport } = testSetup({ authManager, logger });
      const client = new AnalyticsEventsClient(options);
      const dropped: DroppedEvent[] = [];
      client.on('dropped', (event) => dropped.push(event));
      client.trackHookRun(tracking(), hook);
      client.trackHookRun(tracking(), hook);
      const report = await client.flush();
      expect(transport.requests).toHaveLength(0);
      expect(report).toEqual({ sent: 0, failed: 0, dropped: { [reason]: 2 }, pending: 0 });
      expect(dropped).toEqual([{ reason, count: 2, unit: 'event' }]);
      expect(warnings.join('\n')).not.toMatch(/secret|sk-/);
    });
  }

  it('asks the auth manager again for the next batch (a skip is not sticky)', async () => {
    const current: { auth?: CodexAuth } = {};
    const authManager = { ...managerFor(undefined, 'Bearer secret-token'), auth: () => Promise.resolve(current.auth) };
    const { options, transport } = testSetup({ authManager });
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await client.flush();
    current.auth = chatgptAuth();
    client.trackHookRun(tracking(), hook);
    const report = await client.flush();
    expect(report).toMatchObject({ sent: 1, dropped: { no_auth: 1 } });
    expect(transport.requests).toHaveLength(1);
  });
});
