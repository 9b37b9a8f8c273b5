import type { CodexAuth } from './codex-auth.js';

/** Owns the credentials and the choice between `Bearer` and background-task `AgentAssertion` authorization. */
export interface AuthManager {
  /** The current credentials (re-read when `auth.json` changed); `undefined` for none. Never rejects. */
  auth(): Promise<CodexAuth | undefined>;
  /**
   * The `Authorization` value for a ChatGPT backend call: `undefined` unless ChatGPT auth; `AgentAssertion …`
   * when background agent task auth is enabled for an allowed backend and works; `Bearer <access token>` otherwise.
   * Never rejects.
   */
  chatgptAuthorizationHeaderForAuth(auth: CodexAuth | undefined): Promise<string | undefined>;
  /** `Bearer <token>` for bootstrap paths that must never use an assertion; `undefined` without a token. */
  chatgptBearerAuthorizationHeaderForAuth(auth: CodexAuth | undefined): string | undefined;
}

/** `Bearer <token>` when the auth has a non-empty token (shared by every manager). */
export function bearerAuthorizationHeader(auth: CodexAuth | undefined): string | undefined {
  const token = auth?.getToken();
  return token === undefined || token === '' ? undefined : `Bearer ${token}`;
}
