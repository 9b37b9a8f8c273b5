import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

// The lazy-schema mechanism of @codex-analytics/events (`lazySchema`, `loadZod`), repeated here because this package
// sits beside events, not above it: importing auth must not load zod (most processes never read an auth.json with
// it) nor build a schema. See packages/events/src/lazy-schema.ts for the full description.

type ZodNamespace = typeof z;

let loaded: ZodNamespace | undefined;

function loadZod(): ZodNamespace {
  if (loaded !== undefined) return loaded;
  const load = createRequire(import.meta.url);
  // ESM build: zod's ESM entry through `require(esm)`, the instance `import 'zod'` gets; CJS build: its CJS entry.
  const specifier = typeof import.meta.resolve === 'function' ? fileURLToPath(import.meta.resolve('zod')) : 'zod';
  loaded = (load(specifier) as { z: ZodNamespace }).z;
  return loaded;
}

/** A schema built, with zod, the first time one of its properties is read. @internal */
export function lazySchema<T extends object>(build: (zod: ZodNamespace) => T): T {
  let schema: T | undefined;
  const resolve = (): T => {
    schema ??= build(loadZod());
    return schema;
  };
  return new Proxy({} as T, {
    get: (_target, key) => {
      const target = resolve();
      return Reflect.get(target, key, target) as unknown;
    },
    has: (_target, key) => Reflect.has(resolve(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(resolve()),
  });
}
