import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateAgentIdentityKey, importAgentIdentityKey, x25519SecretFromEd25519Seed } from './agent-identity-key.js';
import { x25519PublicKey } from './x25519.js';

const ed25519Verify = (publicKey: Uint8Array, message: string, signatureBase64: string) =>
  verify(
    null,
    Buffer.from(message),
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' }),
    Buffer.from(signatureBase64, 'base64'),
  );

// Test-only cross-check, independent of the code under test: the birational map from an Ed25519 public key
// (Edwards y) to its X25519 public key (Montgomery u = (1 + y) / (1 - y) mod p), which is what a backend that
// knows only the agent's public key computes before sealing to it.
function montgomeryFromEdwards(publicKey: Uint8Array): bigint {
  const p = 2n ** 255n - 19n;
  const bytes = Uint8Array.from(publicKey);
  bytes[31] = bytes[31]! & 0x7f;
  const y = bytesToBigInt(bytes);
  const power = (base: bigint, exponent: bigint): bigint => {
    let result = 1n;
    let factor = base % p;
    for (let e = exponent; e > 0n; e >>= 1n) {
      if (e & 1n) result = (result * factor) % p;
      factor = (factor * factor) % p;
    }
    return result;
  };
  return (((1n + y) % p) * power((1n - y + p) % p, p - 2n)) % p;
}

function bytesToBigInt(littleEndian: Uint8Array): bigint {
  return littleEndian.reduceRight((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

describe('AgentIdentityKey', () => {
  it('round-trips through PKCS#8 DER base64 and signs verifiably', () => {
    const key = generateAgentIdentityKey();
    const imported = importAgentIdentityKey(key.exportPkcs8Base64());
    expect(imported?.publicKey).toEqual(key.publicKey);
    const signature = imported!.signBase64('agent_1:2025-01-01T00:00:00Z');
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(ed25519Verify(key.publicKey, 'agent_1:2025-01-01T00:00:00Z', signature)).toBe(true);
    expect(ed25519Verify(key.publicKey, 'agent_1:2025-01-01T00:00:01Z', signature)).toBe(false);
  });

  it('formats the public key as an OpenSSH ssh-ed25519 line', () => {
    const key = generateAgentIdentityKey();
    const [type, encoded, extra] = key.sshPublicKey.split(' ');
    expect(type).toBe('ssh-ed25519');
    expect(extra).toBeUndefined();
    const blob = Buffer.from(encoded!, 'base64');
    expect(blob.readUInt32BE(0)).toBe(11);
    expect(blob.subarray(4, 15).toString()).toBe('ssh-ed25519');
    expect(blob.readUInt32BE(15)).toBe(32);
    expect(new Uint8Array(blob.subarray(19))).toEqual(key.publicKey);
  });

  it.each([
    ['not base64', 'not*base64'],
    ['empty', ''],
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')],
    ['truncated DER', generateAgentIdentityKey().exportPkcs8Base64().slice(0, 40)],
  ])('rejects a stored key that is %s', (_name, stored) => {
    expect(importAgentIdentityKey(stored)).toBeUndefined();
  });

  it('derives a clamped X25519 secret whose public key is the Montgomery form of the Ed25519 public key', () => {
    for (let round = 0; round < 5; round += 1) {
      const key = generateAgentIdentityKey();
      const secret = key.x25519SecretKey();
      expect(secret[0]! & 7).toBe(0);
      expect(secret[31]! & 0xc0).toBe(0x40);
      expect(bytesToBigInt(x25519PublicKey(secret))).toBe(montgomeryFromEdwards(key.publicKey));
    }
  });

  it('hashes the seed with SHA-512 (a fixed seed gives a fixed secret)', () => {
    const secret = x25519SecretFromEd25519Seed(new Uint8Array(32));
    // SHA-512 of 32 zero bytes starts 5046adc1dba838867b2bbbfdd0c3423e58b57970b5267a90f57960924a87f196; clamped.
    expect(Buffer.from(secret).toString('hex')).toBe('5046adc1dba838867b2bbbfdd0c3423e58b57970b5267a90f57960924a87f156');
  });
});
