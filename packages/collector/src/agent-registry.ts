import { randomBytes } from 'node:crypto';
import { ed25519PublicKeyToX25519 } from './ed25519-to-x25519.js';
import { parseSshEd25519PublicKey } from './ssh-ed25519-public-key.js';

/** An agent the collector knows before any registration (for example one stored in a test `auth.json`). */
export interface KnownAgent {
  agentRuntimeId: string;
  /** `ssh-ed25519 <base64 blob>`, as the agent registered it. */
  publicKey: string;
  /** Background task ids already issued to this agent. */
  taskIds?: readonly string[];
}

/** A registered agent, as `agents()` shows it (no key material beyond the public key). */
export interface RegisteredAgent {
  agentRuntimeId: string;
  publicKey: string;
  /** The `abom` object of the registration, `null` for a known agent given as an option. */
  abom: unknown;
  capabilities: unknown[];
  /** Milliseconds since the epoch. */
  registeredAt: number;
  taskIds: string[];
}

export interface AgentRecord {
  info: RegisteredAgent;
  /** Raw Ed25519 public key. */
  ed25519PublicKey: Uint8Array;
  /** The X25519 key sealed boxes are sent to. */
  x25519PublicKey: Uint8Array;
}

/** The collector's side of the agent identity flow: issued biscuits, registered agents and their tasks. */
export interface AgentRegistry {
  /** A new opaque biscuit; when `targetPath` is given, it is only good for a request to that path. */
  issueBiscuit(targetPath: string | undefined): string;
  acceptsBiscuit(biscuit: string | undefined, path: string): boolean;
  /** `undefined` when the public key is not a valid `ssh-ed25519` key. */
  registerAgent(input: { publicKey: string; abom: unknown; capabilities: unknown[]; registeredAt: number }): AgentRecord | undefined;
  get(agentRuntimeId: string): AgentRecord | undefined;
  /** Issues a new background task id to the agent. */
  issueTask(agent: AgentRecord): string;
  list(): RegisteredAgent[];
}

export function createAgentRegistry(knownAgents: readonly KnownAgent[] = []): AgentRegistry {
  // Biscuit → the path it was minted for (`null`: any path).
  const biscuits = new Map<string, string | null>();
  const agents = new Map<string, AgentRecord>();

  const record = (info: RegisteredAgent): AgentRecord | undefined => {
    const ed25519PublicKey = parseSshEd25519PublicKey(info.publicKey);
    const x25519PublicKey = ed25519PublicKey === undefined ? undefined : ed25519PublicKeyToX25519(ed25519PublicKey);
    if (ed25519PublicKey === undefined || x25519PublicKey === undefined) return undefined;
    const agent = { info, ed25519PublicKey, x25519PublicKey };
    agents.set(info.agentRuntimeId, agent);
    return agent;
  };

  for (const known of knownAgents) {
    const agent = record({
      agentRuntimeId: known.agentRuntimeId,
      publicKey: known.publicKey,
      abom: null,
      capabilities: [],
      registeredAt: 0,
      taskIds: [...(known.taskIds ?? [])],
    });
    if (agent === undefined) throw new TypeError(`invalid agentIdentity.agents entry ${known.agentRuntimeId}: not an ssh-ed25519 public key`);
  }

  return {
    issueBiscuit: (targetPath) => {
      const biscuit = `biscuit_${randomBytes(24).toString('base64url')}`;
      biscuits.set(biscuit, targetPath ?? null);
      return biscuit;
    },
    acceptsBiscuit: (biscuit, path) => {
      if (biscuit === undefined || !biscuits.has(biscuit)) return false;
      const target = biscuits.get(biscuit);
      return target === null || target === path;
    },
    registerAgent: ({ publicKey, abom, capabilities, registeredAt }) =>
      record({
        agentRuntimeId: `agent_${randomBytes(12).toString('hex')}`,
        publicKey: publicKey.trim(),
        abom,
        capabilities,
        registeredAt,
        taskIds: [],
      }),
    get: (agentRuntimeId) => agents.get(agentRuntimeId),
    issueTask: (agent) => {
      const taskId = `task_${randomBytes(12).toString('hex')}`;
      agent.info.taskIds.push(taskId);
      return taskId;
    },
    list: () => [...agents.values()].map(({ info }) => ({ ...info, taskIds: [...info.taskIds] })),
  };
}
