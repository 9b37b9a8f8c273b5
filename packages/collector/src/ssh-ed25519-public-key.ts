import { decodeBase64 } from '@codex-analytics/internal/base64';

const keyType = 'ssh-ed25519';
const publicKeyLength = 32;

/**
 * The raw 32-byte key of an OpenSSH `ssh-ed25519 <base64 blob> [comment]` line, or `undefined`. The blob is
 * RFC 8709 §4: the string `ssh-ed25519` and the key, each after a big-endian uint32 length.
 */
export function parseSshEd25519PublicKey(text: string): Uint8Array | undefined {
  const [type, encoded] = text.trim().split(/\s+/);
  if (type !== keyType || encoded === undefined) return undefined;
  const bytes = decodeBase64(encoded);
  const blob = bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (blob?.length !== 4 + keyType.length + 4 + publicKeyLength) return undefined;
  if (blob.readUInt32BE(0) !== keyType.length) return undefined;
  if (blob.toString('ascii', 4, 4 + keyType.length) !== keyType) return undefined;
  if (blob.readUInt32BE(4 + keyType.length) !== publicKeyLength) return undefined;
  return new Uint8Array(blob.subarray(8 + keyType.length));
}
