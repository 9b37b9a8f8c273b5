import { describe, expect, it } from 'vitest';
import { sealBox } from './__fixtures__/seal-box.js';
import { generateAgentIdentityKey } from './agent-identity-key.js';
import { openSealedBox } from './open-sealed-box.js';
import { x25519PublicKey } from './x25519.js';

describe('openSealedBox', () => {
  const key = generateAgentIdentityKey();
  const secret = key.x25519SecretKey();
  const sealed = () => sealBox(Buffer.from('task_42'), x25519PublicKey(secret));

  it('opens a box sealed to the agent X25519 key', () => {
    expect(Buffer.from(openSealedBox(sealed(), secret)!).toString()).toBe('task_42');
  });

  it('refuses a box sealed to another key', () => {
    const other = generateAgentIdentityKey().x25519SecretKey();
    expect(openSealedBox(sealBox(Buffer.from('task_42'), x25519PublicKey(other)), secret)).toBeUndefined();
  });

  it('refuses a tampered box and a box too short to hold the header', () => {
    const tampered = sealed();
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    expect(openSealedBox(tampered, secret)).toBeUndefined();
    const ephemeralKeySwapped = sealed();
    ephemeralKeySwapped[0] = ephemeralKeySwapped[0]! ^ 1;
    expect(openSealedBox(ephemeralKeySwapped, secret)).toBeUndefined();
    expect(openSealedBox(new Uint8Array(47), secret)).toBeUndefined();
    const lowOrderEphemeralKey = sealed();
    lowOrderEphemeralKey.fill(0, 0, 32);
    expect(openSealedBox(lowOrderEphemeralKey, secret)).toBeUndefined();
  });
});
