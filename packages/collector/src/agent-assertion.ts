import { z } from 'zod';
import type { AgentRegistry } from './agent-registry.js';
import { decodeBase64Url } from '@codex-analytics/internal/base64';
import { isRfc3339Seconds } from './rfc3339-seconds.js';
import { verifyEd25519 } from './verify-ed25519.js';

/** `verify` (default): an assertion must be signed by a known agent for a task issued to it. `accept`: its shape is enough. */
export type AgentAssertionMode = 'verify' | 'accept';

const assertionSchema = z.strictObject({
  agent_runtime_id: z.string().min(1),
  signature: z.string().min(1),
  task_id: z.string().min(1),
  timestamp: z.string().refine(isRfc3339Seconds, 'not an RFC 3339 time to the second'),
});

export type AgentAssertionCheck = { ok: true; agentRuntimeId: string } | { ok: false; message: string };

/**
 * Checks the credential of an `AgentAssertion <credential>` header: base64url of the JSON
 * `{agent_runtime_id, signature, task_id, timestamp}`, signed with Ed25519 over `{agent_runtime_id}:{task_id}:{timestamp}`.
 * Messages name what is wrong, never the credential.
 */
export function checkAgentAssertion(credential: string, registry: AgentRegistry, mode: AgentAssertionMode): AgentAssertionCheck {
  const bytes = decodeBase64Url(credential);
  if (bytes === undefined) return { ok: false, message: 'the AgentAssertion is not base64url' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return { ok: false, message: 'the AgentAssertion is not JSON' };
  }
  const parsed = assertionSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || 'assertion'))].join(', ');
    return { ok: false, message: `the AgentAssertion is malformed (${fields})` };
  }
  const assertion = parsed.data;
  if (mode === 'accept') return { ok: true, agentRuntimeId: assertion.agent_runtime_id };

  const agent = registry.get(assertion.agent_runtime_id);
  if (agent === undefined) return { ok: false, message: 'the AgentAssertion names an unknown agent_runtime_id' };
  if (!agent.info.taskIds.includes(assertion.task_id)) {
    return { ok: false, message: 'the AgentAssertion names a task_id not issued to this agent' };
  }
  const signed = `${assertion.agent_runtime_id}:${assertion.task_id}:${assertion.timestamp}`;
  if (!verifyEd25519(agent.ed25519PublicKey, signed, assertion.signature)) {
    return { ok: false, message: 'the AgentAssertion signature does not verify' };
  }
  return { ok: true, agentRuntimeId: assertion.agent_runtime_id };
}
