import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { createTestAgentKey, openSealedBoxForTest } from './__fixtures__/agent-key.js';
import { ed25519PublicKeyToX25519 as handWrittenToX25519 } from './ed25519-to-x25519.js';
import { ed25519PublicKeyToX25519 as nobleToX25519 } from './ed25519-public-key-to-x25519.js';
import { sealBox as tweetnaclSealBox } from './sealed-box.js';
import { sealBox as nobleSealBox } from './seal-box.js';

// The old crypto (hand-written BigInt field arithmetic, tweetnacl boxes) and the new (@noble/curves, @noble/ciphers)
// agree: same converted keys, and a box sealed by one opens with the other.
const hex = (bytes: Uint8Array | undefined) => (bytes === undefined ? 'undefined' : Buffer.from(bytes).toString('hex'));
const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('old and new crypto agree', () => {
  it('convert every real Ed25519 public key to the same X25519 key', () => {
    for (let round = 0; round < 64; round += 1) {
      const { publicKey } = createTestAgentKey();
      expect(hex(nobleToX25519(publicKey))).toBe(hex(handWrittenToX25519(publicKey)));
    }
  });

  it('refuse the same non-keys: off-curve, unreduced, neutral, wrong length', () => {
    const neutral = new Uint8Array(32);
    neutral[0] = 1;
    const unreduced = Buffer.from('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex');
    const offCurve = new Uint8Array(32);
    offCurve[0] = 2;
    for (const bytes of [neutral, unreduced, offCurve, new Uint8Array(31)]) {
      expect([nobleToX25519(bytes), handWrittenToX25519(bytes)]).toEqual([undefined, undefined]);
    }
  });

  it('agree on arbitrary 32-byte strings that decode to a point of large order', () => {
    fc.assert(
      fc.property(seed, (bytes) => {
        const noble = nobleToX25519(bytes);
        // Small-order points are refused by the new code only; the old accepted them (no real key is one).
        if (noble !== undefined) expect(hex(noble)).toBe(hex(handWrittenToX25519(bytes)));
        else expect(handWrittenToX25519(bytes) === undefined || isSmallOrderEncoding(bytes)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('seal boxes that the other opens, byte for byte the same for the same ephemeral key', () => {
    fc.assert(
      fc.property(seed, seed, fc.uint8Array({ maxLength: 200 }), (recipientSecret, ephemeralSecret, message) => {
        const recipient = nacl.box.keyPair.fromSecretKey(recipientSecret);
        const byNoble = nobleSealBox(message, recipient.publicKey, ephemeralSecret);
        const byTweetnacl = tweetnaclSealBox(message, recipient.publicKey, ephemeralSecret);

        expect(hex(byNoble)).toBe(hex(byTweetnacl));
        expect(hex(openSealedBoxForTest(byNoble, recipient.secretKey) ?? undefined)).toBe(hex(message));
      }),
      { numRuns: 100 },
    );
    const recipient = nacl.box.keyPair.fromSecretKey(new Uint8Array(randomBytes(32)));
    const sealed = nobleSealBox(Buffer.from('task_1'), recipient.publicKey);
    expect(Buffer.from(openSealedBoxForTest(sealed, recipient.secretKey)!).toString()).toBe('task_1');
  });
});

/** Whether the encoding is one of the 8 small-order points (with either sign bit). */
function isSmallOrderEncoding(bytes: Uint8Array): boolean {
  const smallOrderY = [
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  ];
  const y = new Uint8Array(bytes);
  y[31]! &= 0x7f;
  return smallOrderY.includes(Buffer.from(y).toString('hex'));
}
