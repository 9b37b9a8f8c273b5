import type { AuthManager } from '@codex-analytics/auth';
import type { AuthSkipReason } from './delivery/delivery-report.js';

export type AuthHeadersResult =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; reason: AuthSkipReason };

/**
 * The seed's send-path checks, in its order: no credentials, not ChatGPT auth, no `Authorization` value, no
 * account id; each is a skip with its reason. An auth manager that throws or rejects is the `auth_error` skip.
 * The headers are those of the seed: `authorization`, `chatgpt-account-id`, `content-type: application/json`,
 * and `x-openai-fedramp: true` for FedRAMP accounts only. Credentials live only in the returned headers.
 */
export async function resolveAuthHeaders(authManager: AuthManager): Promise<AuthHeadersResult> {
  try {
    const auth = await authManager.auth();
    if (auth === undefined || auth === null) return { ok: false, reason: 'no_auth' };
    if (!auth.isChatgptAuth()) return { ok: false, reason: 'non_chatgpt_auth' };
    const authorization = await authManager.chatgptAuthorizationHeaderForAuth(auth);
    if (authorization === undefined || authorization === '') return { ok: false, reason: 'no_authorization_header' };
    const accountId = auth.getAccountId();
    if (accountId === undefined || accountId === '') return { ok: false, reason: 'no_account_id' };
    const headers: Record<string, string> = {
      authorization,
      'chatgpt-account-id': accountId,
      'content-type': 'application/json',
    };
    if (auth.isFedrampAccount()) headers['x-openai-fedramp'] = 'true';
    return { ok: true, headers };
  } catch {
    return { ok: false, reason: 'auth_error' };
  }
}
