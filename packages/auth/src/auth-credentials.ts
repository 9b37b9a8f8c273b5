import { createCodexAuth } from './codex-auth.js';
import type { CodexAuth } from './codex-auth.js';
import { parseIdTokenClaims } from './id-token-claims.js';

/** Credentials handed over in memory instead of read from `auth.json`. */
export type AuthCredentials =
  | { kind: 'apiKey'; apiKey: string }
  | {
      kind: 'chatgpt' | 'chatgptAuthTokens';
      accessToken: string;
      /** The id token (a JWT); its claims give the FedRAMP flag, the account and the user. */
      idToken?: string;
      /** Default: the id token's `chatgpt_account_id`. */
      accountId?: string;
    };

/** Builds the `CodexAuth` of in-memory credentials; `idTokenProblem` is set when the id token does not decode. */
export function codexAuthFromCredentials(credentials: AuthCredentials): { auth: CodexAuth; idTokenProblem: boolean } {
  switch (credentials.kind) {
    case 'apiKey':
      return { auth: createCodexAuth({ kind: 'apiKey', apiKey: credentials.apiKey }), idTokenProblem: false };
    case 'chatgpt':
    case 'chatgptAuthTokens': {
      const claims = credentials.idToken === undefined ? undefined : parseIdTokenClaims(credentials.idToken);
      const auth = createCodexAuth({
        kind: credentials.kind,
        tokens: { accessToken: credentials.accessToken, accountId: credentials.accountId, claims, hasLastRefresh: true },
      });
      return { auth, idTokenProblem: credentials.idToken !== undefined && claims === undefined };
    }
  }
}
