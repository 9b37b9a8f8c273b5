import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Salsa from '@noble/ciphers/salsa';
import type * as Blake2 from '@noble/hashes/blake2';

/** The noble primitives a sealed box needs beyond X25519 (which node:crypto does). */
export interface NobleCrypto {
  blake2b: typeof Blake2.blake2b;
  hsalsa: typeof Salsa.hsalsa;
  xsalsa20poly1305: typeof Salsa.xsalsa20poly1305;
}

let loaded: NobleCrypto | undefined;

/**
 * BLAKE2b, HSalsa20 and XSalsa20-Poly1305 from the audited noble libraries, loaded on first call rather than at
 * import: only background-agent-task auth opens a sealed box, once per task registration, and loading them costs
 * more than the rest of this package. Synchronous, like `loadZod` of `@codex-analytics/events` (`load-zod.ts`): the ESM build loads noble's
 * ESM entries through `require(esm)` (Node >= 20.19), the instances an `import` of the caller gets; the CJS build
 * requires the CJS entries.
 */
export function loadNobleCrypto(): NobleCrypto {
  if (loaded !== undefined) return loaded;
  const load = createRequire(import.meta.url);
  // `import.meta.resolve` exists only in the ESM build (the CJS build compiles it to `undefined`).
  const resolve = (name: string): string => (typeof import.meta.resolve === 'function' ? fileURLToPath(import.meta.resolve(name)) : name);
  const salsa = load(resolve('@noble/ciphers/salsa')) as typeof Salsa;
  const blake2 = load(resolve('@noble/hashes/blake2')) as typeof Blake2;
  loaded = { blake2b: blake2.blake2b, hsalsa: salsa.hsalsa, xsalsa20poly1305: salsa.xsalsa20poly1305 };
  return loaded;
}

/**
 * Loads the same primitives with dynamic `import()`s (which bundlers follow), so that a task registration can load
 * them while its request is on the network rather than in one synchronous block when the answer arrives. Resolves
 * once loaded; rejects only if noble cannot be imported (the synchronous `loadNobleCrypto()` then says why).
 */
export async function preloadNobleCrypto(): Promise<void> {
  if (loaded !== undefined) return;
  const [salsa, blake2] = await Promise.all([import('@noble/ciphers/salsa'), import('@noble/hashes/blake2')]);
  loaded ??= { blake2b: blake2.blake2b, hsalsa: salsa.hsalsa, xsalsa20poly1305: salsa.xsalsa20poly1305 };
}
