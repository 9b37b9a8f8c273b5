import type { Transport, TransportRequest } from '@codex-analytics/transport';
import { describe, expect, it } from 'vitest';
import { recordingLogger, secretAccessToken, secretApiKey } from './__fixtures__/codex-home.js';
import { chatgptIdToken } from './__fixtures__/unsigned-jwt.js';
import { createAuthManager } from './create-auth-manager.js';
import type { AuthManagerOptions } from './create-auth-manager.js';

function recordingTransport(): Transport & { requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  return {
    requests,
    send: (request) => {
      requests.push(request);
      return Promise.resolve({ status: 'failure', error: new Error('unexpected call') });
    },
    close: () => Promise.resolve(),
  };
}

const chatgptCredentials = {
  kind: 'chatgpt',
  accessToken: secretAccessToken,
  idToken: chatgptIdToken({ accountId: 'account-1', userId: 'user-1', fedramp: true }),
} as const;

function managerWith(options: AuthManagerOptions) {
  const logger = recordingLogger();
  const transport = recordingTransport();
  return { logger, transport, manager: createAuthManager({ credentials: chatgptCredentials, logger, transport, ...options }) };
}

describe('createAuthManager: in-memory credentials', () => {
  it('serves ChatGPT credentials with their claims', async () => {
    const { manager } = managerWith({});
    const auth = await manager.auth();
    expect([auth?.kind, auth?.getToken(), auth?.getAccountId(), auth?.isFedrampAccount()]).toEqual([
      'chatgpt',
      secretAccessToken,
      'account-1',
      true,
    ]);
  });

  it('prefers an explicit account id and warns, without the token, about an id token that does not decode', async () => {
    const logger = recordingLogger();
    const manager = createAuthManager({
      credentials: { kind: 'chatgptAuthTokens', accessToken: secretAccessToken, idToken: secretAccessToken, accountId: 'given' },
      logger,
    });
    const auth = await manager.auth();
    expect([auth?.kind, auth?.getAccountId(), auth?.isFedrampAccount()]).toEqual(['chatgptAuthTokens', 'given', false]);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).not.toContain(secretAccessToken);
  });

  it('refuses an unknown background mode as a programmer error', () => {
    expect(() => createAuthManager({ credentials: chatgptCredentials, backgroundAgentTaskAuth: 'on' as 'enabled' })).toThrow(TypeError);
  });
});

describe('createAuthManager: which authorization header', () => {
  it('gives none for no auth and for API-key auth; the bearer-only helper does not check the kind, as upstream', async () => {
    const { manager } = managerWith({});
    expect(await manager.chatgptAuthorizationHeaderForAuth(undefined)).toBeUndefined();
    const apiKeyManager = createAuthManager({ credentials: { kind: 'apiKey', apiKey: secretApiKey } });
    const apiKeyAuth = await apiKeyManager.auth();
    expect(await apiKeyManager.chatgptAuthorizationHeaderForAuth(apiKeyAuth)).toBeUndefined();
    expect(apiKeyManager.chatgptBearerAuthorizationHeaderForAuth(apiKeyAuth)).toBe(`Bearer ${secretApiKey}`);
    expect(manager.chatgptBearerAuthorizationHeaderForAuth(undefined)).toBeUndefined();
  });

  it('gives bearer when background auth is disabled, the default', async () => {
    const { manager, transport } = managerWith({ chatgptBaseUrl: 'https://chatgpt.com/backend-api' });
    expect(await manager.chatgptAuthorizationHeaderForAuth(await manager.auth())).toBe(`Bearer ${secretAccessToken}`);
    expect(transport.requests).toEqual([]);
  });

  it('gives bearer when enabled without a base URL', async () => {
    const { manager, transport, logger } = managerWith({ backgroundAgentTaskAuth: 'enabled' });
    expect(await manager.chatgptAuthorizationHeaderForAuth(await manager.auth())).toBe(`Bearer ${secretAccessToken}`);
    expect(transport.requests).toEqual([]);
    expect(logger.warnings).toEqual([]);
  });

  it('gives bearer with one warning when the base URL host is not allowed', async () => {
    const { manager, transport, logger } = managerWith({
      backgroundAgentTaskAuth: 'enabled',
      chatgptBaseUrl: 'https://chatgpt.example.com/backend-api',
    });
    const auth = await manager.auth();
    expect(await manager.chatgptAuthorizationHeaderForAuth(auth)).toBe(`Bearer ${secretAccessToken}`);
    expect(await manager.chatgptAuthorizationHeaderForAuth(auth)).toBe(`Bearer ${secretAccessToken}`);
    expect(transport.requests).toEqual([]);
    expect(logger.warnings).toEqual([
      'using bearer authorization: background agent task auth is not allowed for chatgpt.example.com',
    ]);
  });

  it('gives bearer silently when the auth has no workspace to bind to', async () => {
    const logger = recordingLogger();
    const transport = recordingTransport();
    const manager = createAuthManager({
      credentials: { kind: 'chatgpt', accessToken: secretAccessToken },
      backgroundAgentTaskAuth: 'enabled',
      chatgptBaseUrl: 'https://chatgpt.com',
      logger,
      transport,
    });
    expect(await manager.chatgptAuthorizationHeaderForAuth(await manager.auth())).toBe(`Bearer ${secretAccessToken}`);
    expect(transport.requests).toEqual([]);
    expect(logger.warnings).toEqual([]);
  });

  it('asks the normalized ChatGPT backend, and falls back to bearer with one warning when it fails', async () => {
    const { manager, transport, logger } = managerWith({ backgroundAgentTaskAuth: 'enabled', chatgptBaseUrl: 'https://chatgpt.com/' });
    expect(await manager.chatgptAuthorizationHeaderForAuth(await manager.auth())).toBe(`Bearer ${secretAccessToken}`);
    expect(transport.requests.map((request) => [request.method, request.url])).toEqual([
      ['GET', 'https://chatgpt.com/backend-api/authenticate_app_v2'],
    ]);
    expect(transport.requests[0]?.headers).toMatchObject({
      Authorization: `Bearer ${secretAccessToken}`,
      'X-Original-Method': 'POST',
      'X-Original-Url': 'https://chatgpt.com/backend-api/v1/agent/register',
    });
    expect(transport.requests[0]?.timeoutMs).toBe(15_000);
    expect(logger.warnings).toEqual([
      'falling back to bearer authorization because background agent task auth failed: authenticate_app_v2 failed (unexpected call)',
    ]);
  });
});
