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

  it('signs a fresh timestamp on every call: each assertion carries its own time and a signature of it', () => {
    const fieldsOf = (value: string) =>
      JSON.parse(Buffer.from(value.slice('AgentAssertion '.length), 'base64url').toString('utf8')) as Record<string, string>;
    const first = fieldsOf(mintAgentAssertion({ agentRuntimeId: 'a', taskId: 't', key, nowMs: 1_000_000 }));
    const second = fieldsOf(mintAgentAssertion({ agentRuntimeId: 'a', taskId: 't', key, nowMs: 1_001_000 }));
    expect(first.timestamp).toBe('1970-01-01T00:16:40Z');
    expect(second.timestamp).toBe('1970-01-01T00:16:41Z');
    const signed = (fields: Record<string, string>) => Buffer.from(`a:t:${fields.timestamp}`);
    const signature = (fields: Record<string, string>) => Buffer.from(fields.signature!, 'base64');
    expect(verify(null, signed(first), publicKey, signature(first))).toBe(true);
    expect(verify(null, signed(second), publicKey, signature(second))).toBe(true);
    // A signature is bound to its timestamp: the first one does not vouch for the second time.
    expect(verify(null, signed(second), publicKey, signature(first))).toBe(false);
  });
});
