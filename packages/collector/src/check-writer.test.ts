import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentAssertionHeader, createTestAgentKey } from './__fixtures__/agent-key.js';
import { bearerHeaders, createTestHttp } from './__fixtures__/http-client.js';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import { checkWriter, INGEST_TOKEN_HEADER } from './check-writer.js';
import type { WriterRules } from './collector-access.js';
import type { Collector, CollectorOptions } from './collector-options.js';
import { startCollector } from './start-collector.js';

const ingestToken = 'ingest-token-0123456789abcdef';

describe('checkWriter (the rule of how writer rules combine)', () => {
  it('passes a writer when no rule is set, else exactly when it passes one rule; a wrong ingest token never passes', () => {
    const id = fc.constantFrom('acct-a', 'acct-b', 'acct-c');
    fc.assert(
      fc.property(
        fc.option(fc.constant(ingestToken), { nil: undefined }),
        fc.uniqueArray(id),
        fc.uniqueArray(fc.constantFrom('rt-a', 'rt-b')),
        id,
        fc.option(fc.constantFrom('rt-a', 'rt-b', 'rt-c'), { nil: null }),
        fc.constantFrom(undefined, ingestToken, 'wrong-token-0123456789'),
        (token, accounts, runtimes, accountId, agentRuntimeId, sent) => {
          const rules: WriterRules = {
            any: token !== undefined || accounts.length > 0 || runtimes.length > 0,
            ingestToken: token,
            accounts: new Set(accounts),
            agentRuntimes: new Set(runtimes),
          };
          const headers = sent === undefined ? {} : { [INGEST_TOKEN_HEADER]: sent };
          const result = checkWriter(headers, { accountId, agentRuntimeId }, rules);
          const validToken = token !== undefined && sent === token;
          const allowed = accounts.includes(accountId) || (agentRuntimeId !== null && (runtimes as string[]).includes(agentRuntimeId));
          const expected = !rules.any || validToken || (sent === undefined && allowed);
          expect(result.ok).toBe(expected);
          if (!result.ok) {
            const tokenProblem = sent !== undefined || (accounts.length === 0 && runtimes.length === 0);
            expect(result.status).toBe(tokenProblem ? 401 : 403);
            expect(result.reason).toBe(tokenProblem ? 'invalid_ingest_token' : 'forbidden_writer');
            expect(result.message).not.toContain(String(sent));
          }
        },
      ),
    );
  });
});

describe('writers of a collector with writer rules', () => {
  let folder: string;
  let collector: Collector;
  let http: ReturnType<typeof createTestHttp>;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'collector-writers-'));
    http = createTestHttp();
  });
  afterEach(async () => {
    await http.close();
    await collector?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const start = async (options: CollectorOptions) => {
    collector = await startCollector({ out: join(folder, 'events.ndjson'), ...options });
  };
  const lines = () => readFileSync(join(folder, 'events.ndjson'), 'utf8').split('\n').filter((line) => line !== '');

  it('answers 403 forbidden_writer to an account outside the allowlist and stores nothing; allowed writers lose nothing', async () => {
    await start({ allowAccounts: ['account-1'], ingestToken });

    const outsider = await http.postEvents(collector, [hookRunEvent('thread-x')], { ...bearerHeaders, 'chatgpt-account-id': 'account-9' });
    expect(outsider.status).toBe(403);
    expect(outsider.json()).toMatchObject({ error: 'forbidden_writer' });
    expect(collector.events()).toEqual([]);
    expect(lines()).toEqual([]);

    expect((await http.postEvents(collector, [hookRunEvent('thread-a'), hookRunEvent('thread-a', 'turn-2')])).status).toBe(200);
    const withToken = await http.postEvents(collector, [hookRunEvent('thread-b')], {
      ...bearerHeaders,
      'chatgpt-account-id': 'account-9',
      [INGEST_TOKEN_HEADER]: ingestToken,
    });
    expect(withToken.status).toBe(200);
    expect(collector.events().map((stored) => stored.accountId)).toEqual(['account-1', 'account-1', 'account-9']);
    expect(lines()).toHaveLength(3);
    expect(collector.stats().rejections).toMatchObject({ forbidden_writer: 1, invalid_ingest_token: 0 });
    const rejections = (await http.send(`${collector.url}/api/rejections`)).json() as { rejections: { reason: string; status: number }[] };
    expect(rejections.rejections).toEqual([expect.objectContaining({ reason: 'forbidden_writer', status: 403, accountId: 'account-9' })]);
  });

  it('answers 401 invalid_ingest_token to a wrong ingest token (even from an allowed account) and to a missing one when it is the only rule', async () => {
    await start({ allowAccounts: ['account-1'], ingestToken });
    const wrong = await http.postEvents(collector, [hookRunEvent()], { ...bearerHeaders, [INGEST_TOKEN_HEADER]: 'not-the-ingest-token-000' });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_ingest_token' });
    expect(wrong.text).not.toContain('not-the-ingest-token-000');
    await collector.close();

    await start({ ingestToken });
    const missing = await http.postEvents(collector, [hookRunEvent()]);
    expect(missing.status).toBe(401);
    expect(missing.json()).toMatchObject({ error: 'invalid_ingest_token' });
    expect((await http.postEvents(collector, [hookRunEvent()], { ...bearerHeaders, [INGEST_TOKEN_HEADER]: ingestToken })).status).toBe(200);
    expect(collector.events()).toHaveLength(1);
    expect(collector.stats().rejections.invalid_ingest_token).toBe(1);
  });

  it('lets a verified AgentAssertion of an allowed agent runtime write, and no other runtime', async () => {
    const key = createTestAgentKey();
    const stranger = createTestAgentKey();
    await start({
      allowAgentRuntimes: ['agent_123'],
      agentIdentity: {
        agents: [
          { agentRuntimeId: 'agent_123', publicKey: key.sshPublicKey, taskIds: ['task_123'] },
          { agentRuntimeId: 'agent_456', publicKey: stranger.sshPublicKey, taskIds: ['task_456'] },
        ],
      },
    });
    const post = (authorization: string) =>
      http.postEvents(collector, [hookRunEvent()], { ...bearerHeaders, 'chatgpt-account-id': 'account-7', authorization });
    expect((await post(agentAssertionHeader(key, 'agent_123', 'task_123', '2025-04-01T12:05:00Z'))).status).toBe(200);
    expect((await post(agentAssertionHeader(stranger, 'agent_456', 'task_456', '2025-04-01T12:05:00Z'))).status).toBe(403);
    expect((await post('Bearer some-access-token-value')).status).toBe(403);
    expect(collector.events().map((stored) => stored.agentRuntimeId)).toEqual(['agent_123']);
  });

  it('does not trust an unverified agent runtime (assertions: accept)', async () => {
    const key = createTestAgentKey();
    await start({ allowAgentRuntimes: ['agent_123'], agentIdentity: { assertions: 'accept' } });
    const response = await http.postEvents(collector, [hookRunEvent()], {
      ...bearerHeaders,
      'chatgpt-account-id': 'account-7',
      authorization: agentAssertionHeader(key, 'agent_123', 'task_123', '2025-04-01T12:05:00Z'),
    });
    expect(response.status).toBe(403);
    expect(collector.events()).toEqual([]);
  });
});
