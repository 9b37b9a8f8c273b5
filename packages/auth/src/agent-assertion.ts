import type { AgentIdentityKey } from './agent-identity-key.js';
import { encodeBase64Url } from '@codex-analytics/internal/base64';
import { formatRfc3339Seconds } from './rfc3339.js';

export interface AgentAssertionInput {
  agentRuntimeId: string;
  taskId: string;
  key: AgentIdentityKey;
  /** Milliseconds since the epoch; the assertion carries it to the second. */
  nowMs: number;
}

/**
 * The `Authorization` value for a background task: `AgentAssertion ` + base64url (no padding) of the JSON
 * object with sorted keys `agent_runtime_id`, `signature`, `task_id`, `timestamp`, where `signature` is the
 * standard-base64 Ed25519 signature of `{agent_runtime_id}:{task_id}:{timestamp}`.
 */
export function mintAgentAssertion({ agentRuntimeId, taskId, key, nowMs }: AgentAssertionInput): string {
  const timestamp = formatRfc3339Seconds(nowMs);
  const signature = key.signBase64(`${agentRuntimeId}:${taskId}:${timestamp}`);
  // Written in sorted key order on purpose: the backend expects the canonical form.
  const payload = JSON.stringify({ agent_runtime_id: agentRuntimeId, signature, task_id: taskId, timestamp });
  return `AgentAssertion ${encodeBase64Url(Buffer.from(payload, 'utf8'))}`;
}
