import { cryptoBoxKey } from '@codex-analytics/internal/crypto-box-key';
import { loadNobleCrypto } from './load-noble-crypto.js';
import { x25519PublicKey, x25519SharedSecret } from './x25519.js';

const ephemeralKeyLength = 32;
const tagLength = 16;

/**
 * libsodium's `crypto_box_seal_open`: the box is `ephemeral public key || crypto_box(message)`, with the nonce
 * BLAKE2b-24(ephemeral public key || recipient public key). `undefined` when the box does not open.
 */
export function openSealedBox(sealed: Uint8Array, recipientSecretKey: Uint8Array): Uint8Array | undefined {
  if (sealed.length < ephemeralKeyLength + tagLength) return undefined;
  const { blake2b, xsalsa20poly1305 } = loadNobleCrypto();
  const ephemeralPublicKey = sealed.subarray(0, ephemeralKeyLength);
  const nonceInput = new Uint8Array(ephemeralKeyLength * 2);
  nonceInput.set(ephemeralPublicKey, 0);
  nonceInput.set(x25519PublicKey(recipientSecretKey), ephemeralKeyLength);
  const nonce = blake2b(nonceInput, { dkLen: 24 });
  try {
    return xsalsa20poly1305(cryptoBoxKey(recipientSecretKey, ephemeralPublicKey, { x25519SharedSecret, hsalsa: loadNobleCrypto().hsalsa }), nonce).decrypt(sealed.subarray(ephemeralKeyLength));
  } catch {
    // A wrong key, a forged or damaged box (the tag does not match), or an ephemeral key of low order.
    return undefined;
  }
}
