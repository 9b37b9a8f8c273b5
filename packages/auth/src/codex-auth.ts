import type { IdTokenClaims } from './id-token-claims.js';

/**
 * How the credentials were obtained: an API key, ChatGPT tokens managed in `auth.json`,
 * or ChatGPT tokens supplied from outside (an embedding app) and never refreshed by Codex.
 */
export type CodexAuthKind = 'apiKey' | 'chatgpt' | 'chatgptAuthTokens';

/** One snapshot of Codex credentials. Never throws; the secret values are not enumerable and do not serialize. */
export interface CodexAuth {
  readonly kind: CodexAuthKind;
  /** True for both ChatGPT kinds. */
  isChatgptAuth(): boolean;
  /** The API key, or the ChatGPT access token; `undefined` when the stored token data is incomplete. */
  getToken(): string | undefined;
  /** The ChatGPT account (workspace) id; `undefined` for API-key auth. */
  getAccountId(): string | undefined;
  /** The id token's `chatgpt_account_is_fedramp` claim; false for API-key auth. */
  isFedrampAccount(): boolean;
}

/** ChatGPT token data behind a `CodexAuth` created by this package. */
export interface ChatgptTokenData {
  accessToken: string;
  accountId?: string;
  claims?: IdTokenClaims;
  /** Upstream hands out the access token only when `last_refresh` was stored with the tokens. */
  hasLastRefresh: boolean;
}

export type CodexAuthInput =
  | { kind: 'apiKey'; apiKey: string }
  | { kind: 'chatgpt' | 'chatgptAuthTokens'; tokens: ChatgptTokenData };

const tokenDataByAuth = new WeakMap<CodexAuth, ChatgptTokenData>();

/** The token data of a ChatGPT `CodexAuth` made by this package; `undefined` for other objects. */
export function chatgptTokenDataOf(auth: CodexAuth): ChatgptTokenData | undefined {
  return tokenDataByAuth.get(auth);
}

class ApiKeyAuth implements CodexAuth {
  readonly kind = 'apiKey' as const;
  readonly #apiKey: string;

  constructor(apiKey: string) {
    this.#apiKey = apiKey;
  }

  isChatgptAuth(): boolean {
    return false;
  }

  getToken(): string | undefined {
    return this.#apiKey;
  }

  getAccountId(): string | undefined {
    return undefined;
  }

  isFedrampAccount(): boolean {
    return false;
  }

  toJSON(): { kind: CodexAuthKind } {
    return { kind: this.kind };
  }
}

class ChatgptAuth implements CodexAuth {
  readonly kind: 'chatgpt' | 'chatgptAuthTokens';
  readonly #tokens: ChatgptTokenData;

  constructor(kind: 'chatgpt' | 'chatgptAuthTokens', tokens: ChatgptTokenData) {
    this.kind = kind;
    this.#tokens = tokens;
  }

  isChatgptAuth(): boolean {
    return true;
  }

  getToken(): string | undefined {
    return this.#tokens.hasLastRefresh ? this.#tokens.accessToken : undefined;
  }

  getAccountId(): string | undefined {
    return nonEmpty(this.#tokens.accountId) ?? nonEmpty(this.#tokens.claims?.chatgptAccountId);
  }

  isFedrampAccount(): boolean {
    return this.#tokens.claims?.isFedramp ?? false;
  }

  toJSON(): { kind: CodexAuthKind } {
    return { kind: this.kind };
  }
}

/** Builds a `CodexAuth`; the token data stays reachable only through `chatgptTokenDataOf`. */
export function createCodexAuth(input: CodexAuthInput): CodexAuth {
  switch (input.kind) {
    case 'apiKey':
      return new ApiKeyAuth(input.apiKey);
    case 'chatgpt':
    case 'chatgptAuthTokens': {
      const tokens = Object.freeze({ ...input.tokens });
      const auth = new ChatgptAuth(input.kind, tokens);
      tokenDataByAuth.set(auth, tokens);
      return auth;
    }
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
