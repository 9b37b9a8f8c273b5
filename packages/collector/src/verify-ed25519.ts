import { createPublicKey, verify } from 'node:crypto';
import { decodeBase64 } from '@codex-analytics/internal/base64';

/** Whether `signatureBase64` (standard base64) is an Ed25519 signature of the UTF-8 `message` by the raw 32-byte `publicKey`. */
export function verifyEd25519(publicKey: Uint8Array, message: string, signatureBase64: string): boolean {
  const signature = decodeBase64(signatureBase64);
  if (signature?.length !== 64) return false;
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk',
    });
    return verify(null, Buffer.from(message, 'utf8'), key, signature);
  } catch {
    return false;
  }
}
