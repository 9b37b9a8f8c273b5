import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mintAgentAssertion } from './agent-assertion.js';
import { generateAgentIdentityKey } from './agent-identity-key.js';

describe('mintAgentAssertion', () => {
  const key = generateAgentIdentityKey();
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.publicKey).toString('base64url') }, format: 'jwk' });

  it('encodes sorted-key JSON as unpadded base64url with a verifiable signature', () => {
    const value = mintAgentAssertion({ agentRuntimeId: 'agent_123', taskId: 'task_123', key, nowMs: Date.UTC(2025, 3, 1, 12, 0, 0, 999) });
    expect(value).toMatch(/^AgentAssertion [A-Za-z0-9_-]+$/);
    const json = Buffer.from(value.slice('AgentAssertion '.length), 'base64url').toString('utf8');
    const fields = JSON.parse(json) as Record<string, string>;
    expect(Object.keys(fields)).toEqual(['agent_runtime_id', 'signature', 'task_id', 'timestamp']);
    expect(fields).toMatchObject({ agent_runtime_id: 'agent_123', task_id: 'task_123', timestamp: '2025-04-01T12:00:00Z' });
    const message = Buffer.from('agent_123:task_123:2025-04-01T12:00:00Z');
    expect(verify(null, message, publicKey, Buffer.from(fields.signature!, 'base64'))).toBe(true);
  });

  it('signs a fresh timestamp on every call', () => {
    const first = mintAgentAssertion({ agentRuntimeId: 'a', taskId: 't', key, nowMs: 1_000_000 });
    const second = mintAgentAssertion({ agentRuntimeId: 'a', taskId: 't', key, nowMs: 1_001_000 });
    expect(first).not.toBe(second);
  });
});
