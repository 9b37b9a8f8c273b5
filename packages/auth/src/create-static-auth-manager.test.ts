import { describe, expect, it } from 'vitest';
import { createAuthManager } from './create-auth-manager.js';
import { createStaticAuthManager } from './create-static-auth-manager.js';

describe('createStaticAuthManager', () => {
  it('serves fixed ChatGPT credentials and a bearer header', async () => {
    const manager = createStaticAuthManager({ accessToken: 'Access Token', accountId: 'account-1', fedramp: true });
    const auth = await manager.auth();
    expect([auth?.kind, auth?.isChatgptAuth(), auth?.getAccountId(), auth?.isFedrampAccount()]).toEqual(['chatgpt', true, 'account-1', true]);
    expect(await manager.chatgptAuthorizationHeaderForAuth(auth)).toBe('Bearer Access Token');
    expect(manager.chatgptBearerAuthorizationHeaderForAuth(auth)).toBe('Bearer Access Token');
  });

  it('serves no auth', async () => {
    const manager = createStaticAuthManager(undefined);
    expect(await manager.auth()).toBeUndefined();
    expect(await manager.chatgptAuthorizationHeaderForAuth(undefined)).toBeUndefined();
  });

  it('serves API-key auth, which gets no ChatGPT header', async () => {
    const manager = createStaticAuthManager({ apiKey: 'sk-test' });
    const auth = await manager.auth();
    expect([auth?.kind, auth?.isChatgptAuth(), auth?.getToken(), auth?.getAccountId(), auth?.isFedrampAccount()]).toEqual([
      'apiKey',
      false,
      'sk-test',
      undefined,
      false,
    ]);
    expect(await manager.chatgptAuthorizationHeaderForAuth(auth)).toBeUndefined();
  });

  it('can stand in for an AgentAssertion and for external tokens', async () => {
    const manager = createStaticAuthManager({ kind: 'chatgptAuthTokens', accessToken: 't', authorizationHeader: 'AgentAssertion abc' });
    const auth = await manager.auth();
    expect(auth?.kind).toBe('chatgptAuthTokens');
    expect(await manager.chatgptAuthorizationHeaderForAuth(auth)).toBe('AgentAssertion abc');
    expect(manager.chatgptBearerAuthorizationHeaderForAuth(auth)).toBe('Bearer t');
  });

  it('wraps a ready CodexAuth', async () => {
    const auth = await createAuthManager({ credentials: { kind: 'chatgpt', accessToken: 'x', accountId: 'a' } }).auth();
    const manager = createStaticAuthManager(auth);
    expect(await manager.auth()).toBe(auth);
    expect(await manager.chatgptAuthorizationHeaderForAuth(auth)).toBe('Bearer x');
  });

  it('rejects options without a token as a programmer error', () => {
    expect(() => createStaticAuthManager({ accountId: 'a' })).toThrow(TypeError);
    expect(() => createStaticAuthManager({ kind: 'apiKey' })).toThrow(TypeError);
  });
});
