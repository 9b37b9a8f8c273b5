import { blake2b } from '@noble/hashes/blake2';
import nacl from 'tweetnacl';

// Test-only: libsodium's crypto_box_seal, built from the same audited libraries as the code under test,
// so the fake backend can seal a task id to an agent the way the real backend does.
export function sealBox(message: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  const ephemeral = nacl.box.keyPair();
  const nonceInput = new Uint8Array(64);
  nonceInput.set(ephemeral.publicKey, 0);
  nonceInput.set(recipientPublicKey, 32);
  const nonce = blake2b(nonceInput, { dkLen: nacl.box.nonceLength });
  const box = nacl.box(message, nonce, recipientPublicKey, ephemeral.secretKey);
  const sealed = new Uint8Array(32 + box.length);
  sealed.set(ephemeral.publicKey, 0);
  sealed.set(box, 32);
  return sealed;
}
