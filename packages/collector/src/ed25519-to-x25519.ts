import { ed25519 } from '@noble/curves/ed25519';

/**
 * The X25519 public key (32 bytes, little-endian u) of a 32-byte Ed25519 public key, as libsodium's
 * `crypto_sign_ed25519_pk_to_curve25519` gives it (u = (1 + y) / (1 - y)), or `undefined` when the bytes are not a
 * point of the curve or are a small-order point (the neutral point among them), which no real key is.
 */
export function ed25519PublicKeyToX25519(publicKey: Uint8Array): Uint8Array | undefined {
  if (publicKey.length !== 32) return undefined;
  try {
    const point = ed25519.Point.fromHex(publicKey);
    if (point.isSmallOrder()) return undefined;
    return ed25519.utils.toMontgomery(publicKey);
  } catch {
    return undefined;
  }
}
