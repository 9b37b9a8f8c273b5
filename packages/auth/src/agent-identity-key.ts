import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { decodeBase64, decodeBase64Url, encodeBase64 } from '@codex-analytics/internal/base64';

/** The agent's Ed25519 key, plus the X25519 key derived from it that opens sealed boxes sent to the agent. */
export interface AgentIdentityKey {
  /** `ssh-ed25519 <base64 blob>`, as sent to `/v1/agent/register`. */
  readonly sshPublicKey: string;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** Standard base64 of the PKCS#8 DER private key, as stored in `auth.json`. */
  exportPkcs8Base64(): string;
  /** Ed25519 signature of the UTF-8 message, standard base64. */
  signBase64(message: string): string;
  /** The X25519 secret: SHA-512 of the Ed25519 seed, first 32 bytes, clamped. */
  x25519SecretKey(): Uint8Array;
}

export function generateAgentIdentityKey(): AgentIdentityKey {
  return wrapPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

/** `undefined` when the text is not a base64 PKCS#8 Ed25519 private key. */
export function importAgentIdentityKey(pkcs8Base64: string): AgentIdentityKey | undefined {
  const der = decodeBase64(pkcs8Base64);
  if (der === undefined || der.length === 0) return undefined;
  try {
    const key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ed25519' ? wrapPrivateKey(key) : undefined;
  } catch {
    return undefined;
  }
}

/** SHA-512 of the seed, first 32 bytes, clamped as X25519 requires (libsodium's `crypto_sign_ed25519_sk_to_curve25519`). */
export function x25519SecretFromEd25519Seed(seed: Uint8Array): Uint8Array {
  const secret = new Uint8Array(createHash('sha512').update(seed).digest().subarray(0, 32));
  secret[0] = secret[0]! & 248;
  secret[31] = (secret[31]! & 127) | 64;
  return secret;
}

function wrapPrivateKey(privateKey: KeyObject): AgentIdentityKey {
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = jwk.d === undefined ? undefined : decodeBase64Url(jwk.d);
  const publicKey = jwk.x === undefined ? undefined : decodeBase64Url(jwk.x);
  if (seed?.length !== 32 || publicKey?.length !== 32) throw new Error('the Ed25519 key has no 32-byte seed and public key');
  const sshPublicKey = `ssh-ed25519 ${encodeBase64(sshEd25519Blob(publicKey))}`;
  return {
    sshPublicKey,
    publicKey,
    exportPkcs8Base64: () => encodeBase64(privateKey.export({ format: 'der', type: 'pkcs8' })),
    signBase64: (message) => encodeBase64(sign(null, Buffer.from(message, 'utf8'), privateKey)),
    x25519SecretKey: () => x25519SecretFromEd25519Seed(seed),
  };
}

// RFC 8709 §4: string "ssh-ed25519", then string <32-byte public key>, each prefixed by a big-endian uint32 length.
function sshEd25519Blob(publicKey: Uint8Array): Uint8Array {
  const name = Buffer.from('ssh-ed25519', 'ascii');
  const blob = Buffer.alloc(4 + name.length + 4 + publicKey.length);
  blob.writeUInt32BE(name.length, 0);
  name.copy(blob, 4);
  blob.writeUInt32BE(publicKey.length, 4 + name.length);
  Buffer.from(publicKey).copy(blob, 8 + name.length);
  return blob;
}
