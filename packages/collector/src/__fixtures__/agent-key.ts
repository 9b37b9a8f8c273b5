// The client side of the agent identity flow, written independently of the collector for its tests:
// an Ed25519 key (node:crypto), its ssh-ed25519 form, signatures, and opening sealed boxes (tweetnacl).
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2';
import nacl from 'tweetnacl';

export interface TestAgentKey {
  sshPublicKey: string;
  publicKey: Uint8Array;
  signBase64(message: string): string;
  /** X25519 secret: SHA-512 of the seed, first 32 bytes, clamped. */
  x25519SecretKey: Uint8Array;
}

export function createTestAgentKey(): TestAgentKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d!, 'base64url');
  const publicKey = new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
  const name = Buffer.from('ssh-ed25519');
  const blob = Buffer.concat([uint32(name.length), name, uint32(publicKey.length), publicKey]);
  const secret = new Uint8Array(createHash('sha512').update(seed).digest().subarray(0, 32));
  secret[0]! &= 248;
  secret[31] = (secret[31]! & 127) | 64;
  return {
    sshPublicKey: `ssh-ed25519 ${blob.toString('base64')}`,
    publicKey,
    signBase64: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
    x25519SecretKey: secret,
  };
}

/** libsodium `crypto_box_seal_open`; `null` when the box does not open. */
export function openSealedBoxForTest(sealed: Uint8Array, secretKey: Uint8Array): Uint8Array | null {
  const ephemeralPublicKey = sealed.subarray(0, 32);
  const recipientPublicKey = nacl.scalarMult.base(secretKey);
  const nonce = blake2b(Buffer.concat([ephemeralPublicKey, recipientPublicKey]), { dkLen: 24 });
  return nacl.box.open(sealed.subarray(32), nonce, ephemeralPublicKey, secretKey);
}

/** The `Authorization` value the client sends: `AgentAssertion <base64url(JSON with sorted keys)>`. */
export function agentAssertionHeader(key: TestAgentKey, agentRuntimeId: string, taskId: string, timestamp: string): string {
  const signature = key.signBase64(`${agentRuntimeId}:${taskId}:${timestamp}`);
  const payload = JSON.stringify({ agent_runtime_id: agentRuntimeId, signature, task_id: taskId, timestamp });
  return `AgentAssertion ${Buffer.from(payload, 'utf8').toString('base64url')}`;
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}
