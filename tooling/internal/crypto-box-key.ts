// NaCl's `crypto_box_beforenm` (libsodium's `crypto_box_curve25519xsalsa20poly1305_beforenm`): the XSalsa20-Poly1305
// key two X25519 parties share, HSalsa20 of their X25519 shared secret under a zero 16-byte nonce; `crypto_box` is
// then XSalsa20-Poly1305 (NaCl `secretbox`) under this key. The primitives come from the caller (auth takes X25519
// from node:crypto and loads noble's HSalsa20 on first use; the collector uses the noble libraries directly).

/** The primitives the derivation needs, with the signatures of `@noble/curves` and `@noble/ciphers/salsa`. */
export interface CryptoBoxPrimitives {
  /** X25519 of a 32-byte secret key and a 32-byte public key. */
  x25519SharedSecret: (secretKey: Uint8Array, publicKey: Uint8Array) => Uint8Array;
  /** HSalsa20 core: `sigma`, the key and the input as little-endian words, output into `out` (8 words). */
  hsalsa: (sigma: Uint32Array, key: Uint32Array, input: Uint32Array, out: Uint32Array) => void;
}

/** "expand 32-byte k", the Salsa20 constant, as four little-endian words. */
const sigma = new Uint32Array([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);

/** The shared box key of `secretKey` (X25519, 32 bytes) and `publicKey` (X25519, 32 bytes). */
export function cryptoBoxKey(secretKey: Uint8Array, publicKey: Uint8Array, primitives: CryptoBoxPrimitives): Uint8Array {
  const shared = primitives.x25519SharedSecret(secretKey, publicKey);
  const out = new Uint32Array(8);
  primitives.hsalsa(sigma, littleEndianWords(shared), new Uint32Array(4), out);
  const key = new Uint8Array(32);
  const view = new DataView(key.buffer);
  out.forEach((word, index) => view.setUint32(index * 4, word, true));
  return key;
}

function littleEndianWords(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.length / 4 }, (_, index) => view.getUint32(index * 4, true));
}
