import { isDeepStrictEqual } from 'node:util';
import { generateAgentIdentityKey } from './agent-identity-key.js';
import { mintAgentAssertion } from './agent-assertion.js';
import { createAgentBackendClient } from './agent-backend-client.js';
import { createAgentIdentityReader } from './agent-identity-record.js';
import type { AgentBinding, AgentIdentity, AgentIdentityRecord } from './agent-identity-record.js';
import type { AuthStore } from './auth-store.js';
import { decodeBase64 } from '@codex-analytics/internal/base64';
import { BackgroundAgentTaskError } from './background-agent-task-error.js';
import { chatgptTokenDataOf } from './codex-auth.js';
import type { CodexAuth } from './codex-auth.js';
import { preloadNobleCrypto } from './load-noble-crypto.js';
import { openSealedBox } from './open-sealed-box.js';
import { redactSecrets } from './redact-secrets.js';
import { formatRfc3339Seconds } from './rfc3339.js';
import type { Transport } from '@codex-analytics/transport';

export interface BackgroundAgentTaskOptions {
  store: AuthStore;
  /** Normalized and allowed ChatGPT backend base. */
  baseUrl: string;
  transport: () => Transport;
  /** Milliseconds since the epoch. */
  now: () => number;
  forcedWorkspaceId: string | undefined;
  agentVersion: string;
  /** Codex session source (`cli`, `vscode`, `exec`…): picks the harness id and the running location. */
  sessionSource: string;
  /** Operating system name as Codex reports it (`linux`, `macos`, `windows`). */
  osName: string;
}

export interface BackgroundAgentTask {
  /**
   * `AgentAssertion …` for this auth, registering the agent and its background task first when the store has
   * none; `undefined` when the auth cannot be bound to a workspace. Rejects with `BackgroundAgentTaskError`.
   */
  authorizationHeaderValue(auth: CodexAuth): Promise<string | undefined>;
}

/** Upstream §(g) steps 2–5: binding, identity, background task, assertion. Concurrent callers share one registration. */
export function createBackgroundAgentTask(options: BackgroundAgentTaskOptions): BackgroundAgentTask {
  const { store, now } = options;
  const client = createAgentBackendClient({ baseUrl: options.baseUrl, transport: options.transport });
  const readIdentity = createAgentIdentityReader();
  const pending = new Map<string, Promise<ReadyIdentity>>();

  const bindingFor = (auth: CodexAuth): AgentBinding | undefined => {
    const forced = options.forcedWorkspaceId?.trim();
    const workspaceId = forced !== undefined && forced !== '' ? forced : auth.getAccountId();
    if (workspaceId === undefined || workspaceId === '') return undefined;
    return { workspaceId, userId: chatgptTokenDataOf(auth)?.claims?.chatgptUserId };
  };

  const registerAgent = async (binding: AgentBinding, accessToken: string): Promise<AgentIdentity> => {
    const key = generateAgentIdentityKey();
    const agentRuntimeId = await client.registerAgent(accessToken, {
      agentVersion: options.agentVersion,
      agentHarnessId: options.sessionSource === 'vscode' ? 'codex-app' : 'codex-cli',
      runningLocation: `${options.sessionSource}-${options.osName}`,
      sshPublicKey: key.sshPublicKey,
    });
    const record: AgentIdentityRecord = {
      workspace_id: binding.workspaceId,
      chatgpt_user_id: binding.userId ?? null,
      agent_runtime_id: agentRuntimeId,
      agent_private_key: key.exportPkcs8Base64(),
      registered_at: formatRfc3339Seconds(now()),
    };
    // Another process may have registered meanwhile: then its identity wins and ours is dropped.
    const stored = await store.updateAgentIdentity((current) => (readIdentity(current, binding) ? undefined : { next: record }));
    const identity = readIdentity(stored, binding);
    if (identity === undefined) throw new BackgroundAgentTaskError('the registered agent identity could not be stored');
    return identity;
  };

  const registerTask = async (identity: AgentIdentity, binding: AgentBinding, accessToken: string): Promise<ReadyIdentity> => {
    const timestamp = formatRfc3339Seconds(now());
    // The sealed box's crypto loads while the request is on the network (a failure shows at the open below).
    const preloading = preloadNobleCrypto().catch(() => undefined);
    const encryptedTaskId = await client.registerTask(accessToken, {
      agentRuntimeId: identity.agentRuntimeId,
      timestamp,
      signature: identity.key.signBase64(`${identity.agentRuntimeId}:${timestamp}`),
    });
    await preloading;
    const taskId = openTaskId(encryptedTaskId, identity);
    const stored = await store.updateAgentIdentity((current) => {
      const latest = readIdentity(current, binding);
      if (latest?.agentRuntimeId === identity.agentRuntimeId) {
        return latest.taskId === undefined ? { next: { ...latest.record, background_task_id: taskId } } : undefined;
      }
      if (latest?.taskId !== undefined) return undefined;
      return { next: { ...identity.record, background_task_id: taskId } };
    });
    const completed = readIdentity(stored, binding);
    if (!isReady(completed)) throw new BackgroundAgentTaskError('the background task id could not be stored');
    return completed;
  };

  const establish = async (binding: AgentBinding, accessToken: string): Promise<ReadyIdentity> => {
    const stored = (await store.load()).agentIdentity;
    let identity = readIdentity(stored, binding);
    if (isReady(identity)) return identity;
    if (identity === undefined && stored !== undefined) {
      // Another workspace's or user's record, or a broken key: delete it unless it changed meanwhile.
      await store.updateAgentIdentity((current) => (isDeepStrictEqual(current, stored) ? { next: undefined } : undefined));
    }
    identity ??= await registerAgent(binding, accessToken);
    return isReady(identity) ? identity : registerTask(identity, binding, accessToken);
  };

  // Concurrent callers for one binding wait on the same registration instead of starting their own.
  const sharedRegistration = (binding: AgentBinding, accessToken: string): Promise<ReadyIdentity> => {
    const bindingKey = `chatgpt-account-${binding.workspaceId}\u0000${binding.userId ?? ''}`;
    let registration = pending.get(bindingKey);
    if (registration === undefined) {
      registration = establish(binding, accessToken)
        .catch((error: unknown) => {
          throw asSafeError(error, [accessToken]);
        })
        .finally(() => pending.delete(bindingKey));
      pending.set(bindingKey, registration);
    }
    return registration;
  };

  return {
    authorizationHeaderValue: async (auth) => {
      const accessToken = auth.isChatgptAuth() ? auth.getToken() : undefined;
      if (accessToken === undefined || accessToken === '') return undefined;
      const binding = bindingFor(auth);
      if (binding === undefined) return undefined;
      const stored = readIdentity((await store.load()).agentIdentity, binding);
      const identity = isReady(stored) ? stored : await sharedRegistration(binding, accessToken);
      return mintAgentAssertion({
        agentRuntimeId: identity.agentRuntimeId,
        taskId: identity.taskId,
        key: identity.key,
        nowMs: now(),
      });
    },
  };
}

/** An identity with a background task: enough to mint assertions. */
type ReadyIdentity = AgentIdentity & { taskId: string };

function isReady(identity: AgentIdentity | undefined): identity is ReadyIdentity {
  return identity?.taskId !== undefined;
}

function openTaskId(encryptedTaskId: string, identity: AgentIdentity): string {
  const sealed = decodeBase64(encryptedTaskId);
  if (sealed === undefined) throw new BackgroundAgentTaskError('task registration answered with an encrypted_task_id that is not base64');
  const plaintext = openSealedBox(sealed, identity.key.x25519SecretKey());
  if (plaintext === undefined) throw new BackgroundAgentTaskError('the encrypted_task_id does not open with the agent key');
  let taskId: string;
  try {
    taskId = new TextDecoder('utf-8', { fatal: true }).decode(plaintext);
  } catch {
    throw new BackgroundAgentTaskError('the decrypted task id is not UTF-8');
  }
  if (taskId === '') throw new BackgroundAgentTaskError('the decrypted task id is empty');
  return taskId;
}

function asSafeError(error: unknown, secrets: readonly string[]): BackgroundAgentTaskError {
  if (BackgroundAgentTaskError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new BackgroundAgentTaskError(redactSecrets(message, secrets));
}
