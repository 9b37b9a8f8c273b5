import { blake2b } from '@noble/hashes/blake2';
import nacl from 'tweetnacl';
import { x25519PublicKey } from './agent-identity-key.js';

const ephemeralKeyLength = 32;

/**
 * libsodium's `crypto_box_seal_open`: the box is `ephemeral public key || crypto_box(message)`, with the nonce
 * BLAKE2b-24(ephemeral public key || recipient public key). `undefined` when the box does not open.
 */
export function openSealedBox(sealed: Uint8Array, recipientSecretKey: Uint8Array): Uint8Array | undefined {
  if (sealed.length < ephemeralKeyLength + nacl.box.overheadLength) return undefined;
  const ephemeralPublicKey = sealed.subarray(0, ephemeralKeyLength);
  const recipientPublicKey = x25519PublicKey(recipientSecretKey);
  const nonceInput = new Uint8Array(ephemeralKeyLength * 2);
  nonceInput.set(ephemeralPublicKey, 0);
  nonceInput.set(recipientPublicKey, ephemeralKeyLength);
  const nonce = blake2b(nonceInput, { dkLen: nacl.box.nonceLength });
  return nacl.box.open(sealed.subarray(ephemeralKeyLength), nonce, ephemeralPublicKey, recipientSecretKey) ?? undefined;
}
