import { randomBytes } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2';
import nacl from 'tweetnacl';

/**
 * libsodium's `crypto_box_seal`: a fresh X25519 key pair, then `ephemeral public key || crypto_box(message)` with
 * the nonce BLAKE2b-24(ephemeral public key || recipient public key). Only the recipient's secret key opens it.
 */
export function sealBox(
  message: Uint8Array,
  recipientPublicKey: Uint8Array,
  ephemeralSecretKey: Uint8Array = new Uint8Array(randomBytes(nacl.box.secretKeyLength)),
): Uint8Array {
  const ephemeral = nacl.box.keyPair.fromSecretKey(ephemeralSecretKey);
  const nonceInput = new Uint8Array(ephemeral.publicKey.length + recipientPublicKey.length);
  nonceInput.set(ephemeral.publicKey, 0);
  nonceInput.set(recipientPublicKey, ephemeral.publicKey.length);
  const nonce = blake2b(nonceInput, { dkLen: nacl.box.nonceLength });
  const boxed = nacl.box(message, nonce, recipientPublicKey, ephemeral.secretKey);
  const sealed = new Uint8Array(ephemeral.publicKey.length + boxed.length);
  sealed.set(ephemeral.publicKey, 0);
  sealed.set(boxed, ephemeral.publicKey.length);
  return sealed;
}
