import type { CodexAuth } from './codex-auth.js';

/** The credentials and the raw `agent_identity` record, as last read. */
export interface AuthSnapshot {
  auth: CodexAuth | undefined;
  agentIdentity: unknown;
}

/** `undefined`: leave the record as it is; `{ next: undefined }`: delete it; `{ next }`: store `next`. */
export type AgentIdentityUpdate = (current: unknown) => { next: Record<string, unknown> | undefined } | undefined;

/** Where credentials come from and where the agent identity record is kept. */
export interface AuthStore {
  /** The current snapshot; never rejects. */
  load(): Promise<AuthSnapshot>;
  /** Applies `update` to the stored record as one atomic read-modify-write; resolves to the record stored afterwards. */
  updateAgentIdentity(update: AgentIdentityUpdate): Promise<unknown>;
}

/** Credentials held in memory (for example tokens supplied by an embedding app); the identity record lives as long as the store. */
export function createMemoryAuthStore(auth: CodexAuth | undefined): AuthStore {
  let agentIdentity: unknown = undefined;
  return {
    load: () => Promise.resolve({ auth, agentIdentity }),
    updateAgentIdentity: (update) => {
      const change = update(agentIdentity);
      if (change !== undefined) agentIdentity = change.next;
      return Promise.resolve(agentIdentity);
    },
  };
}
