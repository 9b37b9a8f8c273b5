import type { IncomingHttpHeaders } from 'node:http';
import type { WriterRules } from './collector-access.js';
import { tokenMatches } from './secret-token.js';

/** The header our client (and any client that can send headers) carries the ingest token in. */
export const INGEST_TOKEN_HEADER = 'x-codex-analytics-ingest-token';

export type WriterCheck =
  | { ok: true }
  | { ok: false; status: 401; reason: 'invalid_ingest_token'; message: string }
  | { ok: false; status: 403; reason: 'forbidden_writer'; message: string };

/**
 * Whether an authorized writer may store events. With no rule configured, every writer may (the loopback default).
 * Otherwise a request must pass one rule: a valid ingest token, or an allowed `chatgpt-account-id`, or a verified
 * `AgentAssertion` of an allowed agent runtime. An ingest token that is sent but wrong is refused 401 whatever else
 * the request carries; a missing one is 401 when the ingest token is the only rule; a writer outside the
 * allowlists is 403. Messages never hold a credential.
 */
export function checkWriter(
  headers: IncomingHttpHeaders,
  writer: { accountId: string; agentRuntimeId: string | null },
  rules: WriterRules,
): WriterCheck {
  if (!rules.any) return { ok: true };
  const sent = headers[INGEST_TOKEN_HEADER];
  const token = Array.isArray(sent) ? sent[0] : sent;
  if (token !== undefined) {
    if (rules.ingestToken !== undefined && tokenMatches(rules.ingestToken, token)) return { ok: true };
    return { ok: false, status: 401, reason: 'invalid_ingest_token', message: `the ${INGEST_TOKEN_HEADER} header does not hold the ingest token` };
  }
  if (rules.accounts.has(writer.accountId)) return { ok: true };
  if (writer.agentRuntimeId !== null && rules.agentRuntimes.has(writer.agentRuntimeId)) return { ok: true };
  if (rules.accounts.size === 0 && rules.agentRuntimes.size === 0) {
    return { ok: false, status: 401, reason: 'invalid_ingest_token', message: `missing ${INGEST_TOKEN_HEADER} header` };
  }
  return {
    ok: false,
    status: 403,
    reason: 'forbidden_writer',
    message:
      writer.agentRuntimeId === null
        ? 'this chatgpt-account-id may not write to this collector'
        : 'neither this chatgpt-account-id nor this agent runtime may write to this collector',
  };
}
