import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleFacts } from './example-facts.js';
import { safeParseFact, safeParseFactWithZod } from './safe-parse-fact.js';

// Invariant: the generated parsers change the speed of `safeParseFact`, never its answer. For any input, valid or
// not, the result is the one zod's runtime parser gives: the same parsed fact, or the same rejection (fact type,
// issues with their paths and messages, and the one-line message), byte for byte.

type Path = (string | number)[];

/** Every path into the JSON part of a value (the root included): plain objects' keys and arrays' indices. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  }
  return paths;
}

type Mutation = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown };

/** A copy of the JSON part of a value (plain objects and arrays); anything else (a class instance) is shared. */
function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyJson(item)]));
}

function mutate(fact: unknown, path: Path, mutation: Mutation): unknown {
  const copy = copyJson(fact);
  if (path.length === 0) {
    if (mutation.kind === 'set') return mutation.value;
    if (mutation.kind === 'add' && typeof copy === 'object' && copy !== null) (copy as Record<string, unknown>)[mutation.key] = mutation.value;
    return copy;
  }
  let parent = copy as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  if (typeof parent !== 'object' || parent === null) return copy;
  const last = path[path.length - 1]!;
  if (mutation.kind === 'set') parent[last] = mutation.value;
  else if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) (target as Record<string, unknown>)[mutation.key] = mutation.value;
  }
  return copy;
}

class Box {
  constructor(readonly value: number) {}
}

/** Values that cross the schemas' edges: wrong JSON types, numbers out of range, odd objects. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31) - 1, 2 ** 31, Number.NaN, Infinity, '', 'x', 'completed', [], {}),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxKeys: 2 }),
  fc.constantFrom(Object.create(null) as object, new Box(1), new Date(0), new Map(), { constructor: 1 }, { constructor: Box }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), value: oddValue }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('add' as const), key: fc.string({ maxLength: 6 }), value: oddValue }),
);

const mutatedFact = fc
  .tuple(fc.constantFrom(...Object.values(exampleFacts)), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }))
  .map(([fact, _, mutations, picks]) => {
    let current: unknown = fact;
    mutations.forEach((step, index) => {
      const paths = pathsOf(current);
      current = mutate(current, paths[(picks[index] ?? 0) % paths.length] ?? [], step);
    });
    return current;
  });

function compare(input: unknown): boolean {
  const compiled = safeParseFact(input);
  const runtime = safeParseFactWithZod(input);
  expect(compiled).toStrictEqual(runtime);
  if (!compiled.success && !runtime.success) expect(compiled.message).toBe(runtime.message);
  return compiled.success;
}

describe('safeParseFact: the generated parsers against zod', () => {
  it('gives every example fact as zod does', () => {
    for (const fact of Object.values(exampleFacts)) expect(compare(structuredClone(fact))).toBe(true);
  });

  it('gives zod\'s answer, byte for byte, for random mutations of every fact type (invalid ones and valid ones)', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(mutatedFact, (input) => {
        if (compare(input)) accepted += 1;
        else rejected += 1;
      }),
      { numRuns: 3000 },
    );
    // Both paths were exercised.
    expect(rejected).toBeGreaterThan(1000);
    expect(accepted).toBeGreaterThan(100);
  });

  it('gives zod\'s answer for hand-picked invalid facts', () => {
    const { app_used: appUsed, hook_run: hookRun, plugin_used: pluginUsed, turn_token_usage: tokenUsage } = exampleFacts;
    const corpus: unknown[] = [
      undefined,
      null,
      'app_used',
      [],
      { type: 'app_used' },
      { type: 'no_such_fact' },
      { ...appUsed, type: 'hook_run' },
      { ...hookRun, hook: { ...hookRun.hook, status: 'done' } },
      { ...hookRun, hook: { ...hookRun.hook, eventName: 7 } },
      { ...appUsed, tracking: { ...appUsed.tracking, threadId: null } },
      { ...appUsed, tracking: [appUsed.tracking] },
      { ...appUsed, app: { ...appUsed.app, invocationType: 'Explicit' } },
      { ...appUsed, app: undefined, tracking: undefined },
      { ...pluginUsed, plugin: { ...pluginUsed.plugin, pluginId: 'not a plugin id' } },
      { ...tokenUsage, usage: { ...tokenUsage.usage, tokenUsage: { ...tokenUsage.usage.tokenUsage, inputTokens: -1 } } },
      { ...tokenUsage, usage: { ...tokenUsage.usage, tokenUsage: { ...tokenUsage.usage.tokenUsage, inputTokens: 1.5 } } },
      { ...tokenUsage, usage: { ...tokenUsage.usage, tokenUsage: { ...tokenUsage.usage.tokenUsage, inputTokens: 2 ** 60 } } },
      Object.assign(Object.create(null) as object, structuredClone(appUsed)),
      Object.assign(new Box(1), structuredClone(appUsed)),
    ];
    for (const input of corpus) compare(input);
  });

  it('meets a throwing getter as zod does', () => {
    const input = { ...structuredClone(exampleFacts.app_used), get app(): never { throw new RangeError('boom'); } };
    expect(() => safeParseFactWithZod(input)).toThrow(RangeError);
    expect(() => safeParseFact(input)).toThrow(RangeError);
  });
});
