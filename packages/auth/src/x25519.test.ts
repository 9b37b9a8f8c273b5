import fc from 'fast-check';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { cryptoBoxKey } from '@codex-analytics/internal/crypto-box-key';
import { loadNobleCrypto } from './load-noble-crypto.js';
import { x25519PublicKey, x25519SharedSecret } from './x25519.js';

// tweetnacl is the independent reference: its X25519 (`scalarMult`) and `box.before` (X25519, then HSalsa20) share
// no code with node:crypto (OpenSSL) nor with noble.

const key = fc.uint8Array({ minLength: 32, maxLength: 32 });
const isAllZero = (bytes: Uint8Array) => bytes.every((byte) => byte === 0);

function littleEndian(value: bigint): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, index) => Number((value >> BigInt(8 * index)) & 0xffn));
}

// The u-coordinates of the points of small order (RFC 7748 §7; libsodium's blocklist), canonical and not
// (p - 1, p, p + 1), each also with the top bit set, which X25519 ignores.
const p = 2n ** 255n - 19n;
const lowOrder = [
  0n,
  1n,
  325606250916557431795983626356110631294008115727848805560023387167927233504n,
  39382357235489614581723060781553021112529911719440698176882885853963445705823n,
  p - 1n,
  p,
  p + 1n,
].flatMap((u) => [littleEndian(u), littleEndian(u | (1n << 255n))]);

describe('X25519 through node:crypto, against tweetnacl', () => {
  it('derives the public key of any secret as tweetnacl does', () => {
    fc.assert(
      fc.property(key, (secret) => {
        expect(x25519PublicKey(secret)).toEqual(nacl.scalarMult.base(secret));
      }),
      { numRuns: 200 },
    );
  });

  it('computes the shared secret with any 32 bytes as the public key (top bit ignored) as tweetnacl does', () => {
    fc.assert(
      fc.property(key, key, (secret, publicKey) => {
        const expected = nacl.scalarMult(secret, publicKey);
        if (isAllZero(expected)) expect(() => x25519SharedSecret(secret, publicKey)).toThrow();
        else expect(x25519SharedSecret(secret, publicKey)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees on one secret from both sides', () => {
    fc.assert(
      fc.property(key, key, (a, b) => {
        expect(x25519SharedSecret(a, x25519PublicKey(b))).toEqual(x25519SharedSecret(b, x25519PublicKey(a)));
      }),
      { numRuns: 50 },
    );
  });

  it('refuses every public key of small order (the shared secret would be all zeros)', () => {
    const secret = nacl.randomBytes(32);
    for (const publicKey of lowOrder) {
      expect(isAllZero(nacl.scalarMult(secret, publicKey))).toBe(true);
      expect(() => x25519SharedSecret(secret, publicKey)).toThrow();
    }
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => x25519PublicKey(new Uint8Array(31))).toThrow(RangeError);
    expect(() => x25519SharedSecret(new Uint8Array(32), new Uint8Array(33))).toThrow(RangeError);
  });
});

describe('cryptoBoxKey', () => {
  it('is the key tweetnacl box.before derives (X25519, then HSalsa20)', () => {
    fc.assert(
      fc.property(key, key, (secret, publicKey) => {
        fc.pre(!isAllZero(nacl.scalarMult(secret, publicKey)));
        expect(cryptoBoxKey(secret, publicKey, { x25519SharedSecret, hsalsa: loadNobleCrypto().hsalsa })).toEqual(nacl.box.before(publicKey, secret));
      }),
      { numRuns: 100 },
    );
  });
});
