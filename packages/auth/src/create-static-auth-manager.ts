import { bearerAuthorizationHeader } from './auth-manager.js';
import type { AuthManager } from './auth-manager.js';
import { createCodexAuth } from './codex-auth.js';
import type { CodexAuth, CodexAuthKind } from './codex-auth.js';

/** Fixed credentials for a static auth manager. */
export interface StaticAuthOptions {
  /** Default: `'apiKey'` when only `apiKey` is given, else `'chatgpt'`. */
  kind?: CodexAuthKind;
  /** The ChatGPT access token (or, for `kind: 'apiKey'`, the key). */
  accessToken?: string;
  apiKey?: string;
  accountId?: string;
  /** Default: false. */
  fedramp?: boolean;
  /** Returned by `chatgptAuthorizationHeaderForAuth` for ChatGPT auth instead of `Bearer <accessToken>`, e.g. an `AgentAssertion …`. */
  authorizationHeader?: string;
}

/**
 * A test double for callers: always the same credentials (or none, with `undefined`), no file, no network.
 * Accepts either options or a ready `CodexAuth`.
 */
export function createStaticAuthManager(source: StaticAuthOptions | CodexAuth | undefined): AuthManager {
  const auth = source === undefined || isCodexAuth(source) ? source : staticAuth(source);
  const assertion = source !== undefined && !isCodexAuth(source) ? source.authorizationHeader : undefined;
  return {
    auth: () => Promise.resolve(auth),
    chatgptBearerAuthorizationHeaderForAuth: bearerAuthorizationHeader,
    chatgptAuthorizationHeaderForAuth: (candidate) => {
      if (candidate === undefined || !candidate.isChatgptAuth()) return Promise.resolve(undefined);
      return Promise.resolve(assertion ?? bearerAuthorizationHeader(candidate));
    },
  };
}

function staticAuth(options: StaticAuthOptions): CodexAuth {
  const kind = options.kind ?? (options.apiKey !== undefined && options.accessToken === undefined ? 'apiKey' : 'chatgpt');
  if (kind === 'apiKey') {
    const apiKey = options.apiKey ?? options.accessToken;
    if (apiKey === undefined) throw new TypeError('createStaticAuthManager: an apiKey is required for kind "apiKey"');
    return createCodexAuth({ kind, apiKey });
  }
  if (options.accessToken === undefined) {
    throw new TypeError(`createStaticAuthManager: an accessToken is required for kind "${kind}"`);
  }
  return createCodexAuth({
    kind,
    tokens: {
      accessToken: options.accessToken,
      accountId: options.accountId,
      claims: { isFedramp: options.fedramp ?? false, chatgptAccountId: options.accountId },
      hasLastRefresh: true,
    },
  });
}

function isCodexAuth(value: StaticAuthOptions | CodexAuth): value is CodexAuth {
  return typeof (value as Partial<CodexAuth>).isChatgptAuth === 'function';
}
