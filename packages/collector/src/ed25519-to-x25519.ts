// Converting an Ed25519 public key to its X25519 (Montgomery) form, as libsodium's
// `crypto_sign_ed25519_pk_to_curve25519` does. Neither node:crypto nor tweetnacl has it, so it is written here
// with BigInt arithmetic. This is test-server code: it handles public keys only and need not be constant time.

/** The field prime of Curve25519: 2^255 - 19. */
const p = 2n ** 255n - 19n;
/** The Edwards curve constant d = -121665 / 121666 mod p. */
const d = mod(-121665n * modPow(121666n, p - 2n));

/**
 * The X25519 public key (32 bytes, little-endian u) of a 32-byte Ed25519 public key, or `undefined` when the bytes
 * are not a point of the curve. The Edwards y maps to the Montgomery u = (1 + y) / (1 - y) mod p.
 */
export function ed25519PublicKeyToX25519(publicKey: Uint8Array): Uint8Array | undefined {
  if (publicKey.length !== 32) return undefined;
  // The encoding is y little-endian, with the top bit holding the sign of x (which u does not depend on).
  let y = 0n;
  for (let index = 31; index >= 0; index -= 1) {
    const byte = index === 31 ? publicKey[index]! & 0x7f : publicKey[index]!;
    y = (y << 8n) | BigInt(byte);
  }
  if (y >= p || !hasX(y)) return undefined;
  const denominator = mod(1n - y);
  // y = 1 is the neutral point, which has no Montgomery image: not a usable key.
  if (denominator === 0n) return undefined;
  let u = mod((1n + y) * modPow(denominator, p - 2n));
  const out = new Uint8Array(32);
  for (let index = 0; index < 32; index += 1) {
    out[index] = Number(u & 0xffn);
    u >>= 8n;
  }
  return out;
}

/** Whether some x satisfies the curve equation -x² + y² = 1 + d·x²·y², i.e. x² = (y² - 1) / (d·y² + 1) is a square. */
function hasX(y: bigint): boolean {
  const y2 = mod(y * y);
  const x2 = mod((y2 - 1n) * modPow(mod(d * y2 + 1n), p - 2n));
  if (x2 === 0n) return true;
  // Euler's criterion: a non-zero x² is a square mod p exactly when x²^((p-1)/2) = 1.
  return modPow(x2, (p - 1n) / 2n) === 1n;
}

function mod(value: bigint): bigint {
  const rest = value % p;
  return rest < 0n ? rest + p : rest;
}

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let factor = mod(base);
  let rest = exponent;
  while (rest > 0n) {
    if (rest & 1n) result = mod(result * factor);
    factor = mod(factor * factor);
    rest >>= 1n;
  }
  return result;
}
