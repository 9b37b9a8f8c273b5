import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { AgentRegistry } from './agent-registry.js';
import { sendError, sendJson } from './http-response.js';
import type { BodyBudget } from './body-budget.js';
import { readJsonBody } from './read-json-body.js';
import { isRfc3339Seconds } from './rfc3339-seconds.js';
import { sealBox } from './sealed-box.js';
import { verifyEd25519 } from './verify-ed25519.js';

export interface AgentRouteContext {
  registry: AgentRegistry;
  now: () => number;
  maxBodyBytes: number;
  /** The request body bytes held at once across requests (shared with the events endpoint). */
  bodyBudget?: BodyBudget;
}

const registerAgentBodySchema = z.strictObject({
  abom: z.strictObject({
    agent_version: z.string(),
    agent_harness_id: z.string(),
    running_location: z.string(),
  }),
  agent_public_key: z.string(),
  capabilities: z.array(z.unknown()),
});

const registerTaskBodySchema = z.strictObject({
  signature: z.string().min(1),
  timestamp: z.string().refine(isRfc3339Seconds, 'not an RFC 3339 time to the second'),
});

/**
 * `GET {prefix}/authenticate_app_v2`: trades `Authorization: Bearer <token>` for a biscuit in the
 * `x-openai-authorization` response header. With `X-Original-Url`, the biscuit is good for that path only.
 */
export function handleAuthenticateApp(request: IncomingMessage, response: ServerResponse, context: AgentRouteContext): void {
  if (!/^Bearer\s+\S+\s*$/i.test(request.headers.authorization ?? '')) {
    sendError(response, 401, 'unauthorized', 'authenticate_app_v2 needs Authorization: Bearer <access token>');
    return;
  }
  const biscuit = context.registry.issueBiscuit(targetPath(request.headers['x-original-url']));
  sendJson(response, 200, {}, { 'x-openai-authorization': biscuit });
}

/** `POST {prefix}/v1/agent/register`: `{abom, agent_public_key, capabilities}` → `{agent_runtime_id}`. */
export async function handleRegisterAgent(
  request: IncomingMessage,
  response: ServerResponse,
  context: AgentRouteContext & { path: string },
): Promise<void> {
  if (!hasBiscuit(request, context)) return void sendBiscuitError(response);
  const body = await readJsonBody(request, response, context.maxBodyBytes, context.bodyBudget);
  if (body === undefined) return;
  const parsed = registerAgentBodySchema.safeParse(body.value);
  if (!parsed.success) return void sendInvalid(response, parsed.error.issues);
  const agent = context.registry.registerAgent({
    publicKey: parsed.data.agent_public_key,
    abom: parsed.data.abom,
    capabilities: parsed.data.capabilities,
    registeredAt: context.now(),
  });
  if (agent === undefined) {
    return void sendError(response, 400, 'invalid_request', 'agent_public_key is not "ssh-ed25519 <base64 blob>" of a valid key');
  }
  sendJson(response, 200, { agent_runtime_id: agent.info.agentRuntimeId });
}

/**
 * `POST {prefix}/v1/agent/{agent_runtime_id}/task/register`: `{signature, timestamp}`, the Ed25519 signature of
 * `{agent_runtime_id}:{timestamp}` by the registered key → `{encrypted_task_id}`, a new task id sealed to the
 * agent's X25519 key (standard base64).
 */
export async function handleRegisterTask(
  request: IncomingMessage,
  response: ServerResponse,
  context: AgentRouteContext & { path: string; agentRuntimeId: string },
): Promise<void> {
  if (!hasBiscuit(request, context)) return void sendBiscuitError(response);
  const agent = context.registry.get(context.agentRuntimeId);
  if (agent === undefined) return void sendError(response, 404, 'not_found', 'unknown agent_runtime_id');
  const body = await readJsonBody(request, response, context.maxBodyBytes, context.bodyBudget);
  if (body === undefined) return;
  const parsed = registerTaskBodySchema.safeParse(body.value);
  if (!parsed.success) return void sendInvalid(response, parsed.error.issues);
  const signed = `${context.agentRuntimeId}:${parsed.data.timestamp}`;
  if (!verifyEd25519(agent.ed25519PublicKey, signed, parsed.data.signature)) {
    return void sendError(response, 401, 'unauthorized', 'the task registration signature does not verify');
  }
  const taskId = context.registry.issueTask(agent);
  const sealed = sealBox(Buffer.from(taskId, 'utf8'), agent.x25519PublicKey);
  sendJson(response, 200, { encrypted_task_id: Buffer.from(sealed).toString('base64') });
}

function hasBiscuit(request: IncomingMessage, context: AgentRouteContext & { path: string }): boolean {
  const biscuit = request.headers['x-openai-authorization'];
  return context.registry.acceptsBiscuit(typeof biscuit === 'string' ? biscuit : undefined, context.path);
}

function sendBiscuitError(response: ServerResponse): void {
  sendError(response, 401, 'unauthorized', 'missing or unknown x-openai-authorization biscuit (from authenticate_app_v2)');
}

function sendInvalid(response: ServerResponse, issues: readonly z.core.$ZodIssue[]): void {
  sendJson(response, 400, {
    error: 'invalid_request',
    message: 'the body does not match the endpoint',
    issues: issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  });
}

/** The path of an `X-Original-Url` value (absolute or a path); `undefined` when absent or unusable. */
function targetPath(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || header === '') return undefined;
  try {
    return new URL(header, 'http://collector.invalid').pathname;
  } catch {
    return undefined;
  }
}
