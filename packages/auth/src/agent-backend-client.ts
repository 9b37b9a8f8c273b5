import { randomBytes } from 'node:crypto';
import { lazySchema } from '@codex-analytics/internal/lazy-schema';
import { encodeBase64Url } from '@codex-analytics/internal/base64';
import { BackgroundAgentTaskError } from './background-agent-task-error.js';
import type { Transport, TransportResult } from '@codex-analytics/transport';

/** The per-call deadline of the agent endpoints. */
export const agentBackendTimeoutMs = 15_000;

export interface AgentBackendClientOptions {
  /** Normalized ChatGPT backend base, e.g. `https://chatgpt.com/backend-api`. */
  baseUrl: string;
  transport: () => Transport;
}

export interface AgentRegistration {
  agentVersion: string;
  agentHarnessId: string;
  runningLocation: string;
  sshPublicKey: string;
}

const registerAgentResponseSchema = lazySchema((z) => z.object({ agent_runtime_id: z.string().min(1) }));
const registerTaskResponseSchema = lazySchema((z) => z.object({ encrypted_task_id: z.string().min(1) }));

/** The three agent endpoints of the ChatGPT backend. Every failure is a `BackgroundAgentTaskError`. */
export function createAgentBackendClient({ baseUrl, transport }: AgentBackendClientOptions) {
  const registerAgentUrl = `${baseUrl}/v1/agent/register`;
  const registerTaskUrl = (agentRuntimeId: string) => `${baseUrl}/v1/agent/${encodeURIComponent(agentRuntimeId)}/task/register`;

  /** A "human biscuit" scoped to one POST to `targetUrl`, minted from the user's access token. */
  const mintBiscuit = async (accessToken: string, targetUrl: string): Promise<string> => {
    const result = await transport().send({
      url: `${baseUrl}/authenticate_app_v2`,
      method: 'GET',
      headers: {
        Authorization: `Bearer ${accessToken}`,
        'X-Request-Id': `codex-agent-identity-${encodeBase64Url(randomBytes(16))}`,
        'X-Original-Method': 'POST',
        'X-Original-Url': targetUrl,
      },
      timeoutMs: agentBackendTimeoutMs,
    });
    const success = expectSuccess(result, 'authenticate_app_v2');
    const biscuit = headerValue(success.headers, 'x-openai-authorization');
    if (biscuit === undefined || biscuit === '') {
      throw new BackgroundAgentTaskError('authenticate_app_v2 answered without an x-openai-authorization header');
    }
    return biscuit;
  };

  const postJson = async (url: string, biscuit: string, body: unknown, step: string): Promise<unknown> => {
    const result = await transport().send({
      url,
      method: 'POST',
      headers: { 'X-OpenAI-Authorization': biscuit, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: agentBackendTimeoutMs,
    });
    const success = expectSuccess(result, step);
    try {
      return JSON.parse(success.body) as unknown;
    } catch {
      throw new BackgroundAgentTaskError(`${step} answered with a body that is not JSON`, { statusCode: success.statusCode });
    }
  };

  return {
    /** `POST {base}/v1/agent/register` → the new agent runtime id. */
    registerAgent: async (accessToken: string, registration: AgentRegistration): Promise<string> => {
      const biscuit = await mintBiscuit(accessToken, registerAgentUrl);
      const body = {
        abom: {
          agent_version: registration.agentVersion,
          agent_harness_id: registration.agentHarnessId,
          running_location: registration.runningLocation,
        },
        agent_public_key: registration.sshPublicKey,
        capabilities: [],
      };
      const parsed = registerAgentResponseSchema.safeParse(await postJson(registerAgentUrl, biscuit, body, 'agent registration'));
      if (!parsed.success) throw new BackgroundAgentTaskError('agent registration answered without an agent_runtime_id');
      return parsed.data.agent_runtime_id;
    },

    /** `POST {base}/v1/agent/{id}/task/register` → the sealed task id (standard base64). */
    registerTask: async (
      accessToken: string,
      task: { agentRuntimeId: string; timestamp: string; signature: string },
    ): Promise<string> => {
      const url = registerTaskUrl(task.agentRuntimeId);
      const biscuit = await mintBiscuit(accessToken, url);
      const body = { signature: task.signature, timestamp: task.timestamp };
      const parsed = registerTaskResponseSchema.safeParse(await postJson(url, biscuit, body, 'task registration'));
      if (!parsed.success) throw new BackgroundAgentTaskError('task registration answered without an encrypted_task_id');
      return parsed.data.encrypted_task_id;
    },
  };
}

export type AgentBackendClient = ReturnType<typeof createAgentBackendClient>;

function expectSuccess(result: TransportResult, step: string): Extract<TransportResult, { status: 'success' }> {
  switch (result.status) {
    case 'success':
      return result;
    case 'retryable':
    case 'failure': {
      // Response bodies are not quoted: a backend may echo request headers back. Transport messages carry no URL, header or body.
      const reason = result.statusCode === undefined ? (result.error?.message ?? 'no response') : `status ${result.statusCode}`;
      throw new BackgroundAgentTaskError(`${step} failed (${reason})`, { statusCode: result.statusCode, cause: result.error });
    }
  }
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}
