import { readdir, stat } from 'node:fs/promises';
import type { Transport } from '@codex-analytics/transport';
import { createHttpTransport } from '@codex-analytics/transport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chatgptAuthJson,
  createTempCodexHome,
  readAuthJson,
  recordingLogger,
  secretAccessToken,
  secretRefreshToken,
  writeAuthJson,
} from './__fixtures__/codex-home.js';
import { startFakeAgentBackend } from './__fixtures__/fake-agent-backend.js';
import type { FakeAgentBackend } from './__fixtures__/fake-agent-backend.js';
import { importAgentIdentityKey } from './agent-identity-key.js';
import { createAuthManager } from './create-auth-manager.js';
import type { AuthManagerOptions } from './create-auth-manager.js';

let home: Awaited<ReturnType<typeof createTempCodexHome>>;
let backend: FakeAgentBackend;
let logger: ReturnType<typeof recordingLogger>;
let clock: number;

beforeEach(async () => {
  home = await createTempCodexHome();
  await writeAuthJson(home.authFile, chatgptAuthJson({ accountId: 'account-1', userId: 'user-1' }, { custom_setting: 'kept' }));
  backend = await startFakeAgentBackend({ accessToken: secretAccessToken, authFile: home.authFile });
  logger = recordingLogger();
  clock = Date.UTC(2025, 3, 1, 12, 0, 0);
});

afterEach(async () => {
  // Whatever a test did, nothing it logged may carry a credential.
  const stored = (await readAuthJson(home.authFile).catch(() => ({}))) as { agent_identity?: { agent_private_key?: string } };
  const secrets = [secretAccessToken, secretRefreshToken, 'biscuit-SECRET', stored.agent_identity?.agent_private_key];
  for (const warning of logger.warnings) {
    for (const secret of secrets) if (secret !== undefined) expect(warning).not.toContain(secret);
  }
  await backend.close();
  await home.remove();
});

function manager(options: AuthManagerOptions = {}) {
  return createAuthManager({
    codexHome: home.path,
    chatgptBaseUrl: `${backend.baseUrl}/`,
    backgroundAgentTaskAuth: 'enabled',
    allowedHosts: ['127.0.0.1'],
    now: () => clock,
    logger,
    ...options,
  });
}

async function headerOf(authManager: ReturnType<typeof createAuthManager>): Promise<string | undefined> {
  return authManager.chatgptAuthorizationHeaderForAuth(await authManager.auth());
}

describe('background agent task: the AgentAssertion flow against a fake backend', () => {
  it('registers the agent and its task, stores the identity, and signs a verifiable assertion', async () => {
    const header = await headerOf(manager());
    const fields = backend.verifyAssertion(header!);
    expect(fields).toMatchObject({ agent_runtime_id: 'agent_1', task_id: 'task_1', timestamp: '2025-04-01T12:00:00Z' });
    expect(backend.counts).toEqual({ biscuits: 2, agentRegistrations: 1, taskRegistrations: 1 });
    expect(logger.warnings).toEqual([]);

    const stored = await readAuthJson(home.authFile);
    expect(stored.custom_setting).toBe('kept');
    expect(stored.tokens).toEqual(chatgptAuthJson({ accountId: 'account-1', userId: 'user-1' }).tokens);
    const identity = stored.agent_identity as Record<string, string>;
    expect(identity).toMatchObject({
      workspace_id: 'account-1',
      chatgpt_user_id: 'user-1',
      agent_runtime_id: 'agent_1',
      registered_at: '2025-04-01T12:00:00Z',
      background_task_id: 'task_1',
    });
    // The stored private key is the one whose public key the backend registered (and which signed the assertion).
    const storedKey = importAgentIdentityKey(identity.agent_private_key!);
    const registered = backend.registeredPublicKey('agent_1');
    expect(registered).toHaveLength(32);
    expect(storedKey?.publicKey).toEqual(registered);
    expect((await stat(home.authFile)).mode & 0o777).toBe(0o600);
    expect(await readdir(home.path)).toEqual(['auth.json']);
  });

  it('sends the documented requests', async () => {
    await headerOf(manager({ sessionSource: 'vscode', agentVersion: '1.2.3' }));
    const [biscuit, register] = backend.requests;
    expect(backend.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /backend-api/authenticate_app_v2',
      'POST /backend-api/v1/agent/register',
      'GET /backend-api/authenticate_app_v2',
      'POST /backend-api/v1/agent/agent_1/task/register',
    ]);
    expect(biscuit?.headers).toMatchObject({
      authorization: `Bearer ${secretAccessToken}`,
      'x-original-method': 'POST',
      'x-original-url': `${backend.baseUrl}/v1/agent/register`,
    });
    expect(biscuit?.headers['x-request-id']).toMatch(/^codex-agent-identity-[A-Za-z0-9_-]{22}$/);
    expect(register?.headers).toMatchObject({ 'x-openai-authorization': 'biscuit-SECRET-1-0123456789', 'content-type': 'application/json' });
    expect(register?.headers.authorization).toBeUndefined();
    const body = JSON.parse(register!.body) as Record<string, unknown>;
    expect(body).toEqual({
      abom: { agent_version: '1.2.3', agent_harness_id: 'codex-app', running_location: expect.stringMatching(/^vscode-\w+$/) },
      agent_public_key: expect.stringMatching(/^ssh-ed25519 [A-Za-z0-9+/]+=*$/),
      capabilities: [],
    });
    const task = JSON.parse(backend.requests[3]!.body) as Record<string, unknown>;
    expect(Object.keys(task).sort()).toEqual(['signature', 'timestamp']);
    expect(task.timestamp).toBe('2025-04-01T12:00:00Z');
  });

  it('mints a fresh assertion per call and registers nothing more', async () => {
    const authManager = manager();
    const first = await headerOf(authManager);
    clock += 61_000;
    const second = await headerOf(authManager);
    expect(first).not.toBe(second);
    expect(backend.verifyAssertion(second!)).toMatchObject({ task_id: 'task_1', timestamp: '2025-04-01T12:01:01Z' });
    expect(backend.counts.agentRegistrations).toBe(1);
    expect(backend.counts.taskRegistrations).toBe(1);
  });

  it('shares one registration between concurrent callers', async () => {
    const authManager = manager();
    const auth = await authManager.auth();
    const headers = await Promise.all(Array.from({ length: 12 }, () => authManager.chatgptAuthorizationHeaderForAuth(auth)));
    for (const header of headers) expect(backend.verifyAssertion(header!).task_id).toBe('task_1');
    expect(backend.counts).toEqual({ biscuits: 2, agentRegistrations: 1, taskRegistrations: 1 });
  });

  it('reuses the stored identity from another manager (another process) without registering', async () => {
    await headerOf(manager());
    const header = await headerOf(manager());
    expect(backend.verifyAssertion(header!)).toMatchObject({ agent_runtime_id: 'agent_1', task_id: 'task_1' });
    expect(backend.counts.agentRegistrations).toBe(1);
  });

  it('keeps one identity and every other key when two managers register at once', async () => {
    const [first, second] = [manager(), manager()];
    const headers = await Promise.all([headerOf(first), headerOf(second), headerOf(first), headerOf(second)]);
    const stored = await readAuthJson(home.authFile);
    const identity = stored.agent_identity as Record<string, string>;
    for (const header of headers) {
      expect(backend.verifyAssertion(header!)).toMatchObject({ agent_runtime_id: identity.agent_runtime_id, task_id: identity.background_task_id });
    }
    expect(stored.custom_setting).toBe('kept');
    expect(stored.tokens).toEqual(chatgptAuthJson({ accountId: 'account-1', userId: 'user-1' }).tokens);
    expect((await stat(home.authFile)).mode & 0o777).toBe(0o600);
    expect(await readdir(home.path)).toEqual(['auth.json']);
    const later = await Promise.all([headerOf(first), headerOf(second)]);
    for (const header of later) expect(backend.verifyAssertion(header!).agent_runtime_id).toBe(identity.agent_runtime_id);
  });

  it('replaces an identity stored for another workspace or with a broken key', async () => {
    await headerOf(manager({ forcedWorkspaceId: 'workspace-forced' }));
    expect((await readAuthJson(home.authFile)).agent_identity).toMatchObject({ workspace_id: 'workspace-forced', agent_runtime_id: 'agent_1' });
    const header = await headerOf(manager());
    expect(backend.verifyAssertion(header!).agent_runtime_id).toBe('agent_2');
    expect((await readAuthJson(home.authFile)).agent_identity).toMatchObject({ workspace_id: 'account-1', agent_runtime_id: 'agent_2' });

    const stored = await readAuthJson(home.authFile);
    await writeAuthJson(home.authFile, { ...stored, agent_identity: { ...(stored.agent_identity as object), agent_private_key: 'AAAA' } });
    expect(backend.verifyAssertion((await headerOf(manager()))!).agent_runtime_id).toBe('agent_3');
  });

  it('falls back to bearer with one warning when agent registration fails, and recovers later', async () => {
    backend.failures.agentRegister = 500;
    const authManager = manager();
    expect(await headerOf(authManager)).toBe(`Bearer ${secretAccessToken}`);
    expect(logger.warnings).toEqual([
      'falling back to bearer authorization because background agent task auth failed: agent registration failed (status 500)',
    ]);
    expect((await readAuthJson(home.authFile)).agent_identity).toBeUndefined();
    delete backend.failures.agentRegister;
    expect(backend.verifyAssertion((await headerOf(authManager))!).agent_runtime_id).toBe('agent_1');
    expect(logger.warnings).toHaveLength(1);
  });

  it('keeps the registered agent when task registration fails, and registers only the task next time', async () => {
    backend.failures.taskRegister = 503;
    const authManager = manager();
    expect(await headerOf(authManager)).toBe(`Bearer ${secretAccessToken}`);
    expect(logger.warnings).toEqual([
      'falling back to bearer authorization because background agent task auth failed: task registration failed (status 503)',
    ]);
    const identity = (await readAuthJson(home.authFile)).agent_identity as Record<string, unknown>;
    expect(identity.agent_runtime_id).toBe('agent_1');
    expect(identity.background_task_id).toBeUndefined();
    delete backend.failures.taskRegister;
    expect(backend.verifyAssertion((await headerOf(authManager))!).task_id).toBe('task_1');
    expect(backend.counts.agentRegistrations).toBe(1);
  });

  it('falls back to bearer when the access token is refused', async () => {
    backend.failures.authenticate = 401;
    expect(await headerOf(manager())).toBe(`Bearer ${secretAccessToken}`);
    expect(logger.warnings).toEqual([
      'falling back to bearer authorization because background agent task auth failed: authenticate_app_v2 failed (status 401)',
    ]);
  });

  it('falls back to bearer when the backend cannot be reached', async () => {
    const baseUrl = backend.baseUrl;
    await backend.close();
    backend = await startFakeAgentBackend({ accessToken: secretAccessToken, authFile: home.authFile });
    expect(await headerOf(manager({ chatgptBaseUrl: baseUrl.replace(/:\d+\//, ':1/') }))).toBe(`Bearer ${secretAccessToken}`);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(/^falling back to bearer authorization because background agent task auth failed: authenticate_app_v2 failed \(/);
  });

  it('falls back to bearer when the sealed task id does not open with the agent key', async () => {
    const real = createHttpTransport({ retry: false });
    const tampering: Transport = {
      send: async (request) => {
        const result = await real.send(request);
        if (result.status !== 'success' || !request.url.endsWith('/task/register')) return result;
        const sealed = Buffer.from((JSON.parse(result.body) as { encrypted_task_id: string }).encrypted_task_id, 'base64');
        sealed[40] = sealed[40]! ^ 1;
        return { ...result, body: JSON.stringify({ encrypted_task_id: sealed.toString('base64') }) };
      },
      close: () => real.close(),
    };
    expect(await headerOf(manager({ transport: tampering }))).toBe(`Bearer ${secretAccessToken}`);
    expect(logger.warnings).toEqual([
      'falling back to bearer authorization because background agent task auth failed: the encrypted_task_id does not open with the agent key',
    ]);
    await real.close();
  });

  it('is not attempted for a host outside the allow-list', async () => {
    expect(await headerOf(manager({ allowedHosts: [] }))).toBe(`Bearer ${secretAccessToken}`);
    expect(backend.requests).toEqual([]);
    expect(logger.warnings).toEqual(['using bearer authorization: background agent task auth is not allowed for ' + new URL(backend.baseUrl).host]);
  });
});
