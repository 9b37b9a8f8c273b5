import type { IncomingHttpHeaders } from 'node:http';
import { checkAgentAssertion } from './agent-assertion.js';
import type { AgentAssertionMode } from './agent-assertion.js';
import type { AgentRegistry } from './agent-registry.js';
import type { AuthScheme } from './stored-event.js';

export type EventAuthorization =
  | { ok: true; scheme: AuthScheme; accountId: string; agentRuntimeId: string | null }
  | { ok: false; message: string };

/**
 * The events endpoint's check: an `authorization` header `Bearer <token>` or `AgentAssertion <credential>` (the
 * latter verified against the agent registry) and a non-empty `chatgpt-account-id`. Never echoes the credential.
 */
export function authorizeEventRequest(
  headers: IncomingHttpHeaders,
  registry: AgentRegistry,
  mode: AgentAssertionMode,
): EventAuthorization {
  const authorization = headers.authorization;
  if (authorization === undefined || authorization.trim() === '') return { ok: false, message: 'missing authorization header' };
  const accountId = headers['chatgpt-account-id'];
  if (typeof accountId !== 'string' || accountId.trim() === '') return { ok: false, message: 'missing chatgpt-account-id header' };

  const match = /^(\S+)\s+(\S+)\s*$/.exec(authorization);
  const scheme = match?.[1]?.toLowerCase();
  const credential = match?.[2];
  if (scheme === undefined || credential === undefined) {
    return { ok: false, message: 'authorization must be "Bearer <token>" or "AgentAssertion <assertion>"' };
  }
  if (scheme === 'bearer') return { ok: true, scheme: 'bearer', accountId, agentRuntimeId: null };
  if (scheme === 'agentassertion') {
    const check = checkAgentAssertion(credential, registry, mode);
    if (!check.ok) return check;
    return { ok: true, scheme: 'agent_assertion', accountId, agentRuntimeId: check.agentRuntimeId };
  }
  return { ok: false, message: 'unsupported authorization scheme (expected Bearer or AgentAssertion)' };
}
