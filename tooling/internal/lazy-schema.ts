import { loadZod } from './load-zod.js';
import type { ZodNamespace } from './load-zod.js';

/**
 * Declares a schema that is built the first time it is used, not when its module loads:
 *
 * ```ts
 * export const hookRunEventSchema = lazySchema((z) => z.strictObject({ ... }));
 * export type HookRunEvent = z.infer<typeof hookRunEventSchema>; // with `import type { z } from 'zod'`
 * ```
 *
 * The value behaves as the schema itself (`parse`, `safeParse`, a field of another schema, `instanceof`,
 * `z.infer`): every property read goes to the schema, which `build` makes, with zod's `z`, on the first read. A
 * builder may use other lazy schemas; they are built when it runs. Nothing else may run at module load: every
 * schema of these packages is declared this way, so that importing a package costs almost nothing and a caller
 * pays only for the schemas it uses.
 */
export function lazySchema<T extends object>(build: (z: ZodNamespace) => T): T {
  let schema: T | undefined;
  const resolve = (): T => {
    schema ??= build(loadZod());
    return schema;
  };
  const handler: ProxyHandler<T> = {
    get: (_target, key) => {
      const target = resolve();
      return Reflect.get(target, key, target) as unknown;
    },
    set: (_target, key, value) => Reflect.set(resolve(), key, value),
    has: (_target, key) => Reflect.has(resolve(), key),
    ownKeys: () => Reflect.ownKeys(resolve()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(resolve(), key);
      // A proxy may not report a non-configurable property its (empty) target lacks; the value is the same.
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(resolve(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(resolve(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(resolve()),
  };
  const proxy = new Proxy({} as T, handler);
  builtBy.set(proxy, resolve);
  return proxy;
}

const builtBy = new WeakMap<object, () => object>();

/**
 * The schema behind a `lazySchema` value (built now if it was not yet), or the value itself for any other
 * schema. Hot paths parse with the schema itself and skip the indirection of a property read per use.
 */
export function resolveSchema<T extends object>(schema: T): T {
  const resolve = builtBy.get(schema);
  return resolve === undefined ? schema : (resolve() as T);
}
