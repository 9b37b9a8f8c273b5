// Test-only: compact JWTs with an `alg: none` header and a dummy signature, as the auth code never verifies them.
export function unsignedJwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.c2lnbmF0dXJl`;
}

export interface ChatgptIdTokenClaims {
  accountId?: string;
  userId?: string;
  fedramp?: boolean;
  email?: string;
}

/** An id token shaped like the ones ChatGPT login issues. */
export function chatgptIdToken({ accountId, userId, fedramp, email = 'user@example.com' }: ChatgptIdTokenClaims = {}): string {
  const auth: Record<string, unknown> = { chatgpt_plan_type: 'plus' };
  if (accountId !== undefined) auth.chatgpt_account_id = accountId;
  if (userId !== undefined) auth.chatgpt_user_id = userId;
  if (fedramp !== undefined) auth.chatgpt_account_is_fedramp = fedramp;
  return unsignedJwt({ email, exp: 2_000_000_000, 'https://api.openai.com/auth': auth });
}
