import { describe, expect, it } from 'vitest';
import { chatgptAuthJson, secretAccessToken, secretApiKey, secretRefreshToken } from './__fixtures__/codex-home.js';
import { chatgptIdToken } from './__fixtures__/unsigned-jwt.js';
import { parseAuthFile } from './parse-auth-file.js';

const parse = (json: unknown) => parseAuthFile(JSON.stringify(json));

describe('parseAuthFile: the three kinds', () => {
  it('reads API-key auth', () => {
    const result = parse({ OPENAI_API_KEY: secretApiKey, tokens: null, last_refresh: null });
    if (!result.ok) throw new Error('expected ok');
    const auth = result.contents.auth!;
    expect(auth.kind).toBe('apiKey');
    expect(auth.isChatgptAuth()).toBe(false);
    expect(auth.getToken()).toBe(secretApiKey);
    expect(auth.getAccountId()).toBeUndefined();
    expect(auth.isFedrampAccount()).toBe(false);
  });

  it('reads managed ChatGPT tokens with their account and FedRAMP claims', () => {
    const result = parse(chatgptAuthJson({ accountId: 'account-7', userId: 'user-7', fedramp: true }));
    if (!result.ok) throw new Error('expected ok');
    const auth = result.contents.auth!;
    expect(auth.kind).toBe('chatgpt');
    expect(auth.isChatgptAuth()).toBe(true);
    expect(auth.getToken()).toBe(secretAccessToken);
    expect(auth.getAccountId()).toBe('account-7');
    expect(auth.isFedrampAccount()).toBe(true);
  });

  it('reads externally supplied ChatGPT tokens (auth_mode chatgptAuthTokens)', () => {
    const result = parse(chatgptAuthJson({ accountId: 'ext-1' }, { auth_mode: 'chatgptAuthTokens' }));
    if (!result.ok) throw new Error('expected ok');
    expect(result.contents.auth?.kind).toBe('chatgptAuthTokens');
    expect(result.contents.auth?.isChatgptAuth()).toBe(true);
    expect(result.contents.auth?.isFedrampAccount()).toBe(false);
  });

  it('prefers the API key when auth_mode is absent and both are stored, and honours an explicit auth_mode', () => {
    const both = { ...chatgptAuthJson(), OPENAI_API_KEY: secretApiKey };
    const implicit = parse(both);
    const explicit = parse({ ...both, auth_mode: 'chatgpt' });
    expect(implicit.ok && implicit.contents.auth?.kind).toBe('apiKey');
    expect(explicit.ok && explicit.contents.auth?.kind).toBe('chatgpt');
  });

  it('takes the account id from the id token when tokens.account_id is absent', () => {
    const json = chatgptAuthJson({ accountId: 'from-claims' });
    (json.tokens as Record<string, unknown>).account_id = null;
    const result = parse(json);
    expect(result.ok && result.contents.auth?.getAccountId()).toBe('from-claims');
  });

  it('withholds the access token when last_refresh is missing, as upstream', () => {
    const result = parse(chatgptAuthJson(undefined, { last_refresh: null }));
    if (!result.ok) throw new Error('expected ok');
    expect(result.contents.auth?.isChatgptAuth()).toBe(true);
    expect(result.contents.auth?.getToken()).toBeUndefined();
  });

  it('treats a logged-out file as no auth and passes the identity record through', () => {
    const result = parse({ OPENAI_API_KEY: null, tokens: null, agent_identity: { workspace_id: 'w' } });
    expect(result).toEqual({ ok: true, contents: { auth: undefined, agentIdentity: { workspace_id: 'w' } } });
  });

  it('keeps secrets out of JSON and inspection of the auth object', async () => {
    const result = parse(chatgptAuthJson());
    if (!result.ok) throw new Error('expected ok');
    const { inspect } = await import('node:util');
    expect(JSON.stringify(result.contents.auth)).toBe('{"kind":"chatgpt"}');
    expect(inspect(result.contents.auth, { depth: 5, showHidden: true })).not.toContain(secretAccessToken);
  });
});

describe('parseAuthFile: malformed files', () => {
  const tokens = () => chatgptAuthJson().tokens as Record<string, unknown>;
  it.each([
    ['tokens.access_token', { ...chatgptAuthJson(), tokens: { ...tokens(), access_token: 42 } }, 'expected string'],
    ['tokens.id_token', { ...chatgptAuthJson(), tokens: { ...tokens(), id_token: secretRefreshToken } }, 'expected a decodable JWT'],
    ['tokens', { ...chatgptAuthJson(), tokens: [secretAccessToken] }, 'expected object'],
    ['last_refresh', { ...chatgptAuthJson(), last_refresh: 'yesterday' }, 'expected an RFC 3339 timestamp'],
    ['auth_mode', { ...chatgptAuthJson(), auth_mode: 'magic' }, 'expected one of'],
    ['OPENAI_API_KEY', { auth_mode: 'apikey', OPENAI_API_KEY: null }, 'is required'],
    ['tokens', { auth_mode: 'chatgpt', OPENAI_API_KEY: null, tokens: null }, 'is required'],
    ['(root)', [secretAccessToken], 'expected object'],
  ])('names the field %s', (field, json, problem) => {
    const result = parse(json);
    expect(result).toMatchObject({ ok: false, field });
    if (result.ok) return;
    expect(result.problem).toContain(problem);
    expect(JSON.stringify(result)).not.toMatch(/SECRET/);
  });

  it('does not quote the content of a file that is not JSON', () => {
    const result = parseAuthFile(`{"tokens": {"access_token": "${secretAccessToken}"`);
    expect(result).toEqual({ ok: false, field: '(root)', problem: 'is not valid JSON' });
  });

  it('does not quote a bad id token', () => {
    const json = chatgptAuthJson();
    (json.tokens as Record<string, unknown>).id_token = `x.${secretAccessToken}.y`;
    const result = parse(json);
    expect(JSON.stringify(result)).not.toContain(secretAccessToken);
    expect(result).toMatchObject({ ok: false, field: 'tokens.id_token' });
  });

  it('accepts an id token without ChatGPT claims', () => {
    const json = chatgptAuthJson();
    (json.tokens as Record<string, unknown>).id_token = chatgptIdToken({});
    expect(parse(json).ok).toBe(true);
  });
});
