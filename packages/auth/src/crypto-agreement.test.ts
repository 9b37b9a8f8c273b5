import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealBox } from './__tests__/seal-box.js';
import { x25519PublicKey as tweetnaclPublicKey } from './agent-identity-key.js';
import { openSealedBox as tweetnaclOpen } from './open-sealed-box.js';
import { openSealedBox as nobleOpen, x25519PublicKey as noblePublicKey } from './open-sealed-box-noble.js';

// The old sealed-box code (tweetnacl) and the new (@noble/curves, @noble/ciphers) agree on keys and on what opens.
const hex = (bytes: Uint8Array | undefined) => (bytes === undefined ? 'undefined' : Buffer.from(bytes).toString('hex'));
const key = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('old and new sealed-box code agree', () => {
  it('derive the same X25519 public key', () => {
    fc.assert(
      fc.property(key, (secret) => {
        expect(hex(noblePublicKey(secret))).toBe(hex(tweetnaclPublicKey(secret)));
      }),
      { numRuns: 200 },
    );
  });

  it('open the same boxes to the same message, and refuse the same damaged ones', () => {
    fc.assert(
      fc.property(key, key, fc.uint8Array({ maxLength: 200 }), fc.nat(), (secret, otherSecret, message, flip) => {
        const sealed = sealBox(message, tweetnaclPublicKey(secret));
        const damaged = new Uint8Array(sealed);
        damaged[flip % damaged.length]! ^= 1;

        expect(hex(nobleOpen(sealed, secret))).toBe(hex(message));
        expect(hex(tweetnaclOpen(sealed, secret))).toBe(hex(message));
        expect([nobleOpen(damaged, secret), tweetnaclOpen(damaged, secret)]).toEqual([undefined, undefined]);
        expect([nobleOpen(sealed, otherSecret), tweetnaclOpen(sealed, otherSecret)]).toEqual([undefined, undefined]);
        expect([nobleOpen(sealed.subarray(0, 47), secret), tweetnaclOpen(sealed.subarray(0, 47), secret)]).toEqual([undefined, undefined]);
      }),
      { numRuns: 100 },
    );
  });
});
