import { homedir } from 'node:os';
import { join } from 'node:path';
import { consoleAuthLogger } from './auth-logger.js';
import type { AuthLogger } from './auth-logger.js';
import { bearerAuthorizationHeader } from './auth-manager.js';
import type { AuthManager } from './auth-manager.js';
import { codexAuthFromCredentials } from './auth-credentials.js';
import type { AuthCredentials } from './auth-credentials.js';
import { createMemoryAuthStore } from './auth-store.js';
import type { AuthStore } from './auth-store.js';
import { createBackgroundAgentTask } from './background-agent-task.js';
import type { BackgroundAgentTask } from './background-agent-task.js';
import { isAllowedChatgptHost, normalizeChatgptBaseUrl } from './chatgpt-base-url.js';
import { createDefaultTransport } from './create-default-transport.js';
import { createFileAuthStore } from './create-file-auth-store.js';
import { codexOsName } from './os-name.js';
import { redactSecrets } from './redact-secrets.js';
import type { Transport } from '@codex-analytics/transport';

declare const __PACKAGE_VERSION__: string | undefined;

/** Whether ChatGPT backend calls may use a background-task `AgentAssertion` (upstream's `use_agent_identity`). */
export type BackgroundAgentTaskAuthMode = 'enabled' | 'disabled';

export interface AuthManagerOptions {
  /** Folder of `auth.json`. Default: `$CODEX_HOME`, else `~/.codex`. Ignored when `credentials` is given. */
  codexHome?: string;
  /** In-memory credentials instead of `auth.json`; the agent identity is then kept in memory too. */
  credentials?: AuthCredentials;
  /** ChatGPT backend base URL (e.g. `https://chatgpt.com/backend-api`). Without it, ChatGPT auth is always bearer. */
  chatgptBaseUrl?: string;
  /** Default: `'disabled'`. */
  backgroundAgentTaskAuth?: BackgroundAgentTaskAuthMode;
  /** Workspace the agent identity is bound to. Default: the account id of the credentials. */
  forcedWorkspaceId?: string;
  /** Transport of the agent endpoints. Default: `createHttpTransport()` of `@codex-analytics/transport`, made on first use. */
  transport?: Transport;
  /** Milliseconds since the epoch. Default: `Date.now`. */
  now?: () => number;
  /** Default: `console.warn`. */
  logger?: AuthLogger;
  /** Hosts allowed for the agent endpoints in addition to the ChatGPT hosts (tests add `127.0.0.1`). Default: none. */
  allowedHosts?: readonly string[];
  /** `abom.agent_version` of the agent registration. Default: this package's version. */
  agentVersion?: string;
  /** Codex session source (`cli`, `vscode`, `exec`, `mcp`…) for the agent registration. Default: `'cli'`. */
  sessionSource?: string;
}

/** The auth manager of a Codex installation (`auth.json`) or of in-memory credentials. */
export function createAuthManager(options: AuthManagerOptions = {}): AuthManager {
  const logger = options.logger ?? consoleAuthLogger;
  const now = options.now ?? (() => Date.now());
  const mode = options.backgroundAgentTaskAuth ?? 'disabled';
  if (mode !== 'enabled' && mode !== 'disabled') {
    throw new TypeError(`backgroundAgentTaskAuth must be 'enabled' or 'disabled'`);
  }
  const store = createStore(options, logger);

  let ownedTransport: Transport | undefined;
  const transport = (): Transport => options.transport ?? (ownedTransport ??= createDefaultTransport());

  const baseUrl = options.chatgptBaseUrl === undefined ? undefined : normalizeChatgptBaseUrl(options.chatgptBaseUrl);
  const backgroundTask: BackgroundAgentTask | undefined =
    mode === 'enabled' && baseUrl !== undefined && isAllowedChatgptHost(baseUrl, options.allowedHosts)
      ? createBackgroundAgentTask({
          store,
          baseUrl,
          transport,
          now,
          forcedWorkspaceId: options.forcedWorkspaceId,
          agentVersion: options.agentVersion ?? (typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0'),
          sessionSource: options.sessionSource ?? 'cli',
          osName: codexOsName(),
        })
      : undefined;
  let warnedHostNotAllowed = false;

  return {
    auth: async () => (await store.load()).auth,
    chatgptBearerAuthorizationHeaderForAuth: bearerAuthorizationHeader,
    chatgptAuthorizationHeaderForAuth: async (auth) => {
      if (auth === undefined || !auth.isChatgptAuth()) return undefined;
      const bearer = bearerAuthorizationHeader(auth);
      if (mode === 'disabled' || baseUrl === undefined) return bearer;
      if (backgroundTask === undefined) {
        if (!warnedHostNotAllowed) {
          warnedHostNotAllowed = true;
          logger.warn(`using bearer authorization: background agent task auth is not allowed for ${hostOf(baseUrl)}`);
        }
        return bearer;
      }
      try {
        return (await backgroundTask.authorizationHeaderValue(auth)) ?? bearer;
      } catch (error) {
        const reason = redactSecrets(error instanceof Error ? error.message : String(error), [auth.getToken()]);
        logger.warn(`falling back to bearer authorization because background agent task auth failed: ${reason}`);
        return bearer;
      }
    },
  };
}

function createStore(options: AuthManagerOptions, logger: AuthLogger): AuthStore {
  if (options.credentials !== undefined) {
    const { auth, idTokenProblem } = codexAuthFromCredentials(options.credentials);
    if (idTokenProblem) logger.warn('credentials.idToken is not a decodable JWT; its claims (FedRAMP, account, user) are ignored');
    return createMemoryAuthStore(auth);
  }
  const codexHome = options.codexHome ?? defaultCodexHome();
  return createFileAuthStore({ filePath: join(codexHome, 'auth.json'), logger });
}

function defaultCodexHome(): string {
  const fromEnvironment = process.env.CODEX_HOME;
  return fromEnvironment !== undefined && fromEnvironment !== '' ? fromEnvironment : join(homedir(), '.codex');
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'an unparseable base URL';
  }
}
