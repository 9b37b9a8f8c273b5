import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agentAssertionHeader, createTestAgentKey, openSealedBoxForTest } from './__fixtures__/agent-key.js';
import type { TestAgentKey } from './__fixtures__/agent-key.js';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import { createTestHttp, testAccessToken, testAccountId } from './__fixtures__/http-client.js';
import type { Collector, CollectorOptions } from './collector-options.js';
import { startCollector } from './start-collector.js';

const timestamp = '2025-04-01T12:00:00Z';

describe('the agent identity endpoints', () => {
  let collector: Collector;
  let http: ReturnType<typeof createTestHttp>;

  const start = async (options: CollectorOptions = {}) => {
    await collector.close();
    collector = await startCollector({ now: () => 1_743_508_800_000, ...options });
  };

  beforeEach(async () => {
    collector = await startCollector();
    http = createTestHttp();
  });

  afterEach(async () => {
    await http.close();
    await collector.close();
  });

  /** Steps 3-4 of the flow, as the client runs them against `{base}`. */
  const mintBiscuit = async (target: string) => {
    const response = await http.send(`${collector.backendUrl}/authenticate_app_v2`, {
      headers: { authorization: `Bearer ${testAccessToken}`, 'x-original-method': 'POST', 'x-original-url': target },
    });
    expect(response.status).toBe(200);
    return response.headers['x-openai-authorization'] as string;
  };

  const registerAgent = async (key: TestAgentKey) => {
    const url = `${collector.backendUrl}/v1/agent/register`;
    const response = await http.send(url, {
      method: 'POST',
      headers: { 'x-openai-authorization': await mintBiscuit(url), 'content-type': 'application/json' },
      body: JSON.stringify({
        abom: { agent_version: '0.99.0', agent_harness_id: 'codex-cli', running_location: 'cli-linux' },
        agent_public_key: key.sshPublicKey,
        capabilities: [],
      }),
    });
    expect(response.status).toBe(200);
    return response.json().agent_runtime_id as string;
  };

  const registerTask = async (agentRuntimeId: string, signature: string) => {
    const url = `${collector.backendUrl}/v1/agent/${encodeURIComponent(agentRuntimeId)}/task/register`;
    return http.send(url, {
      method: 'POST',
      headers: { 'x-openai-authorization': await mintBiscuit(url), 'content-type': 'application/json' },
      body: JSON.stringify({ signature, timestamp }),
    });
  };

  const postWithAuthorization = (authorization: string) =>
    http.postEvents(collector, [hookRunEvent()], {
      authorization,
      'chatgpt-account-id': testAccountId,
      'content-type': 'application/json',
    });

  it('runs the whole flow with real keys: biscuit, agent, sealed task id, then AgentAssertion on events', async () => {
    await start();
    const key = createTestAgentKey();

    const agentRuntimeId = await registerAgent(key);
    const task = await registerTask(agentRuntimeId, key.signBase64(`${agentRuntimeId}:${timestamp}`));
    expect(task.status).toBe(200);
    const sealed = Buffer.from(task.json().encrypted_task_id as string, 'base64');
    const taskId = Buffer.from(openSealedBoxForTest(sealed, key.x25519SecretKey)!).toString('utf8');

    expect(collector.agents()).toEqual([
      {
        agentRuntimeId,
        publicKey: key.sshPublicKey,
        abom: { agent_version: '0.99.0', agent_harness_id: 'codex-cli', running_location: 'cli-linux' },
        capabilities: [],
        registeredAt: 1_743_508_800_000,
        taskIds: [taskId],
      },
    ]);

    const accepted = await postWithAuthorization(agentAssertionHeader(key, agentRuntimeId, taskId, '2025-04-01T12:05:00Z'));
    expect(accepted.status).toBe(200);
    expect(collector.events()).toMatchObject([{ authScheme: 'agent_assertion', agentRuntimeId, accountId: testAccountId }]);

    const forger = createTestAgentKey();
    const forged = await postWithAuthorization(agentAssertionHeader(forger, agentRuntimeId, taskId, '2025-04-01T12:05:00Z'));
    expect(forged.status).toBe(401);
    expect(forged.json().message).toContain('signature does not verify');

    const unknownTask = await postWithAuthorization(agentAssertionHeader(key, agentRuntimeId, 'task_other', '2025-04-01T12:05:00Z'));
    expect(unknownTask.json().message).toContain('task_id not issued');
    const unknownAgent = await postWithAuthorization(agentAssertionHeader(key, 'agent_other', taskId, '2025-04-01T12:05:00Z'));
    expect(unknownAgent.json().message).toContain('unknown agent_runtime_id');
    const badTime = await postWithAuthorization(agentAssertionHeader(key, agentRuntimeId, taskId, '2025-04-01 12:05'));
    expect(badTime.json().message).toContain('malformed (timestamp)');
    expect(collector.events()).toHaveLength(1);
    expect(collector.stats().rejections.unauthorized).toBe(4);
  });

  it('refuses a task registration signed by another key (401), for an unknown agent (404) or with a bad body (400)', async () => {
    const key = createTestAgentKey();
    const agentRuntimeId = await registerAgent(key);

    const forged = await registerTask(agentRuntimeId, createTestAgentKey().signBase64(`${agentRuntimeId}:${timestamp}`));
    const unknown = await registerTask('agent_unknown', key.signBase64(`agent_unknown:${timestamp}`));
    const url = `${collector.url}/v1/agent/${agentRuntimeId}/task/register`;
    const badBody = await http.send(url, {
      method: 'POST',
      headers: { 'x-openai-authorization': await mintBiscuit(url) },
      body: JSON.stringify({ signature: 'x', timestamp: 'yesterday' }),
    });

    expect(forged.status).toBe(401);
    expect(unknown.status).toBe(404);
    expect(badBody.status).toBe(400);
    expect(badBody.json().issues).toEqual([{ path: 'timestamp', message: expect.any(String) }]);
    expect(collector.agents()[0]!.taskIds).toEqual([]);
  });

  it('needs a bearer token for a biscuit, and a biscuit minted for the path to register', async () => {
    const withoutBearer = await http.send(`${collector.url}/authenticate_app_v2`);
    expect(withoutBearer.status).toBe(401);
    expect(withoutBearer.headers['x-openai-authorization']).toBeUndefined();

    const key = createTestAgentKey();
    const body = JSON.stringify({
      abom: { agent_version: '1', agent_harness_id: 'codex-cli', running_location: 'cli-linux' },
      agent_public_key: key.sshPublicKey,
      capabilities: [],
    });
    const registerUrl = `${collector.backendUrl}/v1/agent/register`;
    const noBiscuit = await http.send(registerUrl, { method: 'POST', body });
    const madeUp = await http.send(registerUrl, { method: 'POST', body, headers: { 'x-openai-authorization': 'biscuit_made_up' } });
    const otherPath = await http.send(registerUrl, {
      method: 'POST',
      body,
      headers: { 'x-openai-authorization': await mintBiscuit(`${collector.backendUrl}/v1/agent/agent_1/task/register`) },
    });
    const anyPath = await http.send(`${collector.url}/authenticate_app_v2`, { headers: { authorization: 'Bearer t' } });
    const unscoped = await http.send(registerUrl, {
      method: 'POST',
      body,
      headers: { 'x-openai-authorization': anyPath.headers['x-openai-authorization'] as string },
    });

    expect([noBiscuit.status, madeUp.status, otherPath.status, unscoped.status]).toEqual([401, 401, 401, 200]);
  });

  it('refuses a registration whose key is not an ssh-ed25519 key or whose body has other fields', async () => {
    const url = `${collector.backendUrl}/v1/agent/register`;
    const register = async (body: unknown) =>
      http.send(url, { method: 'POST', headers: { 'x-openai-authorization': await mintBiscuit(url) }, body: JSON.stringify(body) });
    const abom = { agent_version: '1', agent_harness_id: 'codex-cli', running_location: 'cli-linux' };

    const badKey = await register({ abom, agent_public_key: 'ssh-rsa AAAA', capabilities: [] });
    const extra = await register({ abom, agent_public_key: createTestAgentKey().sshPublicKey, capabilities: [], name: 'x' });

    expect(badKey.status).toBe(400);
    expect(badKey.json().message).toContain('agent_public_key');
    expect(extra.status).toBe(400);
    expect(extra.json().issues).toEqual([{ path: '', message: expect.stringContaining('name') }]);
    expect(collector.agents()).toEqual([]);
  });

  it('accepts assertions of agents given as options, and any well-formed assertion in accept mode', async () => {
    const key = createTestAgentKey();
    await start({ agentIdentity: { agents: [{ agentRuntimeId: 'agent_123', publicKey: key.sshPublicKey, taskIds: ['task_123'] }] } });
    expect((await postWithAuthorization(agentAssertionHeader(key, 'agent_123', 'task_123', timestamp))).status).toBe(200);

    await start({ agentIdentity: { assertions: 'accept' } });
    const stranger = createTestAgentKey();
    expect((await postWithAuthorization(agentAssertionHeader(stranger, 'agent_x', 'task_x', timestamp))).status).toBe(200);
    expect((await postWithAuthorization('AgentAssertion e30')).status).toBe(401);
    expect(collector.events()).toMatchObject([{ authScheme: 'agent_assertion', agentRuntimeId: 'agent_x' }]);
  });

  it('parses a large registration body in slices, never handing JSON.parse all of it', async () => {
    const url = `${collector.backendUrl}/v1/agent/register`;
    const biscuit = await mintBiscuit(url);
    const body = JSON.stringify({
      abom: { agent_version: '0.99.0', agent_harness_id: 'codex-cli', running_location: 'cli-linux' },
      agent_public_key: 'not a key',
      capabilities: Array.from({ length: 50_000 }, (_, index) => ({ capability: `c-${index}` })),
    });
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const response = await http.send(url, { method: 'POST', headers: { 'x-openai-authorization': biscuit, 'content-type': 'application/json' }, body });

      expect(response.status).toBe(400);
      expect(Math.max(...parse.mock.calls.map(([text]) => text.length))).toBeLessThan(body.length / 4);
    } finally {
      parse.mockRestore();
    }
  });

  it('throws at start for a known agent whose key is not an ssh-ed25519 key', async () => {
    await expect(startCollector({ agentIdentity: { agents: [{ agentRuntimeId: 'agent_1', publicKey: 'ssh-ed25519 AAAA' }] } })).rejects.toThrow(
      /agent_1/,
    );
  });
});
