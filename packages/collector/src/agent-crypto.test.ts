import { randomBytes } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2';
import fc from 'fast-check';
// tweetnacl is the tests' independent reference for NaCl boxes; the code under test uses @noble/curves and @noble/ciphers.
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { createTestAgentKey, openSealedBoxForTest } from './__fixtures__/agent-key.js';
import { ed25519PublicKeyToX25519 } from './ed25519-to-x25519.js';
import { sealBox } from './sealed-box.js';
import { parseSshEd25519PublicKey } from './ssh-ed25519-public-key.js';
import { verifyEd25519 } from './verify-ed25519.js';

describe('ed25519PublicKeyToX25519', () => {
  it('gives the X25519 public key of the secret the agent derives from its seed', () => {
    for (let round = 0; round < 8; round += 1) {
      const key = createTestAgentKey();
      const expected = nacl.box.keyPair.fromSecretKey(key.x25519SecretKey).publicKey;

      expect(Buffer.from(ed25519PublicKeyToX25519(key.publicKey)!).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    }
  });

  it('refuses bytes that are not a curve point, small-order points and a wrong length', () => {
    const neutral = new Uint8Array(32);
    neutral[0] = 1;
    // y = p (2^255 - 19) is not reduced.
    const unreduced = Buffer.from('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex');
    // y = 2 has no x on the curve (checked: (y² - 1) / (d·y² + 1) is not a square mod p).
    const offCurve = new Uint8Array(32);
    offCurve[0] = 2;

    // y = -1: the point of order 2.
    const orderTwo = Buffer.from('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex');

    expect(ed25519PublicKeyToX25519(neutral)).toBeUndefined();
    expect(ed25519PublicKeyToX25519(orderTwo)).toBeUndefined();
    expect(ed25519PublicKeyToX25519(unreduced)).toBeUndefined();
    expect(ed25519PublicKeyToX25519(offCurve)).toBeUndefined();
    expect(ed25519PublicKeyToX25519(new Uint8Array(31))).toBeUndefined();
  });
});

describe('sealBox', () => {
  it('seals so that only the recipient opens it, with a fresh ephemeral key each time', () => {
    const recipient = nacl.box.keyPair.fromSecretKey(new Uint8Array(randomBytes(32)));
    const message = Buffer.from('task_123', 'utf8');

    const first = sealBox(message, recipient.publicKey);
    const second = sealBox(message, recipient.publicKey);

    expect(first).toHaveLength(32 + nacl.box.overheadLength + message.length);
    expect(Buffer.from(openSealedBoxForTest(first, recipient.secretKey)!).toString('utf8')).toBe('task_123');
    expect(Buffer.from(first.subarray(0, 32)).equals(Buffer.from(second.subarray(0, 32)))).toBe(false);
    expect(openSealedBoxForTest(first, new Uint8Array(randomBytes(32)))).toBeNull();
  });

  it('is byte for byte the box NaCl (tweetnacl) seals with the same ephemeral key', () => {
    const key = fc.uint8Array({ minLength: 32, maxLength: 32 });
    fc.assert(
      fc.property(key, key, fc.uint8Array({ maxLength: 200 }), (recipientSecret, ephemeralSecret, message) => {
        const recipient = nacl.box.keyPair.fromSecretKey(recipientSecret);
        const ephemeral = nacl.box.keyPair.fromSecretKey(ephemeralSecret);
        const nonce = blake2b(Buffer.concat([ephemeral.publicKey, recipient.publicKey]), { dkLen: 24 });
        const reference = Buffer.concat([ephemeral.publicKey, nacl.box(message, nonce, recipient.publicKey, ephemeral.secretKey)]);

        expect(Buffer.from(sealBox(message, recipient.publicKey, ephemeralSecret)).toString('hex')).toBe(reference.toString('hex'));
      }),
      { numRuns: 100 },
    );
  });
});

describe('parseSshEd25519PublicKey', () => {
  it('reads the raw key of an ssh-ed25519 line, with or without a comment', () => {
    const key = createTestAgentKey();

    expect(parseSshEd25519PublicKey(key.sshPublicKey)).toEqual(key.publicKey);
    expect(parseSshEd25519PublicKey(`${key.sshPublicKey} agent@host`)).toEqual(key.publicKey);
  });

  it.each([
    ['another key type', (ssh: string) => ssh.replace('ssh-ed25519', 'ssh-rsa')],
    ['no blob', () => 'ssh-ed25519'],
    ['bad base64', () => 'ssh-ed25519 not*base64'],
    ['a short blob', (ssh: string) => `ssh-ed25519 ${Buffer.from(ssh.split(' ')[1]!, 'base64').subarray(0, 40).toString('base64')}`],
    ['a raw key instead of a blob', () => `ssh-ed25519 ${Buffer.alloc(32, 1).toString('base64')}`],
  ])('refuses %s', (_name, mutate) => {
    expect(parseSshEd25519PublicKey(mutate(createTestAgentKey().sshPublicKey))).toBeUndefined();
  });
});

describe('verifyEd25519', () => {
  it('accepts the signer’s signature only, for the exact message', () => {
    const key = createTestAgentKey();
    const signature = key.signBase64('agent_1:2025-04-01T12:00:00Z');

    expect(verifyEd25519(key.publicKey, 'agent_1:2025-04-01T12:00:00Z', signature)).toBe(true);
    expect(verifyEd25519(key.publicKey, 'agent_1:2025-04-01T12:00:01Z', signature)).toBe(false);
    expect(verifyEd25519(createTestAgentKey().publicKey, 'agent_1:2025-04-01T12:00:00Z', signature)).toBe(false);
    expect(verifyEd25519(key.publicKey, 'agent_1:2025-04-01T12:00:00Z', 'not base64!')).toBe(false);
  });
});
