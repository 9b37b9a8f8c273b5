import { describe, expect, it } from 'vitest';
import { exampleFacts } from './example-facts.js';
import { renderedWithoutZod } from './__fixtures__/zodless-fact-types.js';
import { safeParseFact } from './index.js';

// zod marks its load with `globalThis.__zod_globalConfig`. Nothing else in this file loads it, so it shows whether
// parsing a valid fact did.
const zodLoaded = () => (globalThis as { __zod_globalConfig?: unknown }).__zod_globalConfig !== undefined;

describe('safeParseFact on a generated parser', () => {
  it('parses a valid fact of every type with a generated parser without loading zod', () => {
    expect(zodLoaded()).toBe(false);
    for (const factType of renderedWithoutZod) {
      const fact = structuredClone(exampleFacts[factType]);
      const result = safeParseFact(fact);
      expect(result.success, factType).toBe(true);
      // A fresh copy, never the input itself (the reducer may keep what it is given).
      if (result.success) expect(result.fact).not.toBe(fact);
    }
    expect(zodLoaded()).toBe(false);
  });

  it('loads zod only to explain a rejection', () => {
    const result = safeParseFact({ ...structuredClone(exampleFacts.hook_run), hook: { ...exampleFacts.hook_run.hook, status: 'done' } });
    expect(result.success).toBe(false);
    expect(zodLoaded()).toBe(true);
  });
});
