import { describe, expect, it } from 'vitest';
import { chatgptIdToken, unsignedJwt } from './__fixtures__/unsigned-jwt.js';
import { parseIdTokenClaims } from './id-token-claims.js';

describe('parseIdTokenClaims', () => {
  it('reads the account, user, plan and FedRAMP claims of an unsigned token', () => {
    const claims = parseIdTokenClaims(chatgptIdToken({ accountId: 'acc-9', userId: 'user-9', fedramp: true, email: 'a@b.c' }));
    expect(claims).toEqual({
      email: 'a@b.c',
      chatgptAccountId: 'acc-9',
      chatgptUserId: 'user-9',
      chatgptPlanType: 'plus',
      isFedramp: true,
      expiresAtMs: 2_000_000_000_000,
    });
  });

  it('defaults FedRAMP to false and falls back to user_id', () => {
    const token = unsignedJwt({ 'https://api.openai.com/auth': { user_id: 'legacy-user' } });
    expect(parseIdTokenClaims(token)).toMatchObject({ isFedramp: false, chatgptUserId: 'legacy-user', chatgptAccountId: undefined });
    expect(parseIdTokenClaims(unsignedJwt({}))).toMatchObject({ isFedramp: false });
  });

  it('ignores claims of the wrong type instead of failing', () => {
    const token = unsignedJwt({ exp: 'soon', 'https://api.openai.com/auth': { chatgpt_account_is_fedramp: 'yes', chatgpt_account_id: 7 } });
    expect(parseIdTokenClaims(token)).toMatchObject({ isFedramp: false, chatgptAccountId: undefined, expiresAtMs: undefined });
  });

  it.each([
    ['two segments', 'a.b'],
    ['a payload that is not base64url', 'eyJhbGciOiJub25lIn0.***.sig'],
    ['a payload that is not JSON', `h.${Buffer.from('not json').toString('base64url')}.s`],
    ['a payload that is an array', `h.${Buffer.from('[1]').toString('base64url')}.s`],
    ['an empty string', ''],
  ])('rejects %s', (_name, token) => {
    expect(parseIdTokenClaims(token)).toBeUndefined();
  });
});
