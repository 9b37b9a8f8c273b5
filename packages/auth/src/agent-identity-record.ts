import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/internal/lazy-schema';
import { importAgentIdentityKey } from './agent-identity-key.js';
import type { AgentIdentityKey } from './agent-identity-key.js';

/** The `agent_identity` record of `auth.json`; unknown keys are kept when it is rewritten. */
export const agentIdentityRecordSchema = lazySchema((z) => z.looseObject({
  workspace_id: z.string().min(1),
  chatgpt_user_id: z.string().nullish(),
  agent_runtime_id: z.string().min(1),
  /** PKCS#8 DER, standard base64. */
  agent_private_key: z.string().min(1),
  registered_at: z.string(),
  background_task_id: z.string().min(1).nullish(),
}));

export type AgentIdentityRecord = z.infer<typeof agentIdentityRecordSchema>;

/** Who the agent acts for: the workspace (account) and, when the id token names one, the user. */
export interface AgentBinding {
  workspaceId: string;
  userId: string | undefined;
}

/** A stored record that is valid for a binding, with its key imported. */
export interface AgentIdentity {
  record: AgentIdentityRecord;
  key: AgentIdentityKey;
  agentRuntimeId: string;
  taskId: string | undefined;
}

/**
 * Returns a reader of stored records: the identity in `raw` if it is well formed, belongs to the binding's
 * workspace and user, and holds a valid Ed25519 key; otherwise `undefined`. Imported keys are cached per reader.
 */
export function createAgentIdentityReader(): (raw: unknown, binding: AgentBinding) => AgentIdentity | undefined {
  const keys = new Map<string, AgentIdentityKey>();
  const importCachedKey = (pkcs8Base64: string): AgentIdentityKey | undefined => {
    const cached = keys.get(pkcs8Base64);
    if (cached !== undefined) return cached;
    const key = importAgentIdentityKey(pkcs8Base64);
    if (key === undefined) return undefined;
    // Usually one entry; the bound keeps a process that churns identities from growing without end.
    if (keys.size >= 4) keys.clear();
    keys.set(pkcs8Base64, key);
    return key;
  };
  return (raw, binding) => {
    const parsed = agentIdentityRecordSchema.safeParse(raw);
    if (!parsed.success) return undefined;
    const record = parsed.data;
    if (record.workspace_id !== binding.workspaceId) return undefined;
    if ((record.chatgpt_user_id ?? undefined) !== binding.userId) return undefined;
    const key = importCachedKey(record.agent_private_key);
    if (key === undefined) return undefined;
    return { record, key, agentRuntimeId: record.agent_runtime_id, taskId: record.background_task_id ?? undefined };
  };
}
