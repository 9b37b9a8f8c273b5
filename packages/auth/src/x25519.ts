import { createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

// X25519 (RFC 7748) through node:crypto (OpenSSL), so that no curve library is loaded: a raw 32-byte key becomes a
// KeyObject by prefixing it with the fixed DER header of its PKCS#8 (private) or SPKI (public) form, whose
// algorithm identifier is the X25519 OID 1.3.101.110 (RFC 8410 §3). Scalars are clamped and the public
// u-coordinate's top bit is ignored, as RFC 7748 §5 requires (and libsodium and tweetnacl do).

/** `SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.110 }, OCTET STRING { OCTET STRING (32 bytes) } }` up to the key. */
const pkcs8Header = Buffer.from('302e020100300506032b656e04220420', 'hex');
/** `SEQUENCE { SEQUENCE { OID 1.3.101.110 }, BIT STRING (0 unused bits, 32 bytes) }` up to the key. */
const spkiHeader = Buffer.from('302a300506032b656e032100', 'hex');
const keyLength = 32;

/** The X25519 public key of an X25519 secret (32 bytes each). */
export function x25519PublicKey(secretKey: Uint8Array): Uint8Array {
  const spki = createPublicKey(privateKeyOf(secretKey)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spkiHeader.length));
}

/**
 * The X25519 shared secret of `secretKey` and `publicKey` (32 bytes each). Throws when the public key is of low
 * order (the shared secret would be all zeros), as libsodium's `crypto_scalarmult` refuses it.
 */
export function x25519SharedSecret(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  checkLength(publicKey, 'public');
  const peer = createPublicKey({ key: Buffer.concat([spkiHeader, publicKey]), format: 'der', type: 'spki' });
  return new Uint8Array(diffieHellman({ privateKey: privateKeyOf(secretKey), publicKey: peer }));
}

function privateKeyOf(secretKey: Uint8Array): KeyObject {
  checkLength(secretKey, 'secret');
  return createPrivateKey({ key: Buffer.concat([pkcs8Header, secretKey]), format: 'der', type: 'pkcs8' });
}

function checkLength(key: Uint8Array, kind: string): void {
  if (key.length !== keyLength) throw new RangeError(`an X25519 ${kind} key is ${keyLength} bytes, not ${key.length}`);
}
