import { randomBytes } from 'node:crypto';
import { hsalsa, xsalsa20poly1305 } from '@noble/ciphers/salsa';
import { x25519 } from '@noble/curves/ed25519';
import { blake2b } from '@noble/hashes/blake2';
import { cryptoBoxKey } from '@codex-analytics/internal/crypto-box-key';

/**
 * libsodium's `crypto_box_seal`: a fresh X25519 key pair, then `ephemeral public key || crypto_box(message)` with
 * the nonce BLAKE2b-24(ephemeral public key || recipient public key). Only the recipient's secret key opens it.
 */
export function sealBox(message: Uint8Array, recipientPublicKey: Uint8Array, ephemeralSecretKey: Uint8Array = new Uint8Array(randomBytes(32))): Uint8Array {
  const ephemeralPublicKey = x25519.getPublicKey(ephemeralSecretKey);
  const nonceInput = new Uint8Array(64);
  nonceInput.set(ephemeralPublicKey, 0);
  nonceInput.set(recipientPublicKey, 32);
  const nonce = blake2b(nonceInput, { dkLen: 24 });
  // NaCl's layout, which noble's xsalsa20poly1305 keeps: the 16-byte Poly1305 tag, then the ciphertext.
  const boxed = xsalsa20poly1305(cryptoBoxKey(ephemeralSecretKey, recipientPublicKey, { x25519SharedSecret: x25519.getSharedSecret, hsalsa }), nonce).encrypt(message);
  const sealed = new Uint8Array(32 + boxed.length);
  sealed.set(ephemeralPublicKey, 0);
  sealed.set(boxed, 32);
  return sealed;
}
