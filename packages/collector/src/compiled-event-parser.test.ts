import { currentTrackEventRequestSchema, resolveSchema, trackEventRequestSchema } from '@codex-analytics/events';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { codexSessionEvents } from './__fixtures__/codex-session.js';
import { appUsedEvent, commandExecutionEvent, hookRunEvent, pluginInstalledEvent } from './__fixtures__/sample-events.js';
import { compiledEventParser } from './compiled-event-parser.js';
import { validateTrackEvents } from './validate-track-events.js';

// Invariant: compiling changes how fast an event is parsed, never the answer: for any input, the compiled parser
// returns what the union's `safeParse` returns (the parsed event, or the same issues: codes, paths, messages).

const seeds: unknown[] = [...codexSessionEvents, hookRunEvent(), appUsedEvent(), appUsedEvent('t', null), pluginInstalledEvent(), commandExecutionEvent()];

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, Array.isArray(value) ? Number(key) : key]));
  }
  return paths;
}

function setAt(value: unknown, path: Path, replacement: unknown, remove: boolean): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const oddValue = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -1, 1.5, 2 ** 53, Number.NaN, '', 'x', 'codex_hook_run', [], {}),
  fc.integer(),
  fc.string({ maxLength: 6 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

const mutatedEvent = fc
  .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), oddValue, fc.boolean()), { minLength: 1, maxLength: 3 }))
  .map(([event, steps]) =>
    steps.reduce<unknown>((current, [pick, value, remove]) => {
      const paths = pathsOf(current);
      return setAt(current, paths[pick % paths.length] ?? [], value, remove);
    }, event),
  );

describe('compiledEventParser', () => {
  afterEach(() => vi.restoreAllMocks());

  for (const [name, lazy] of [
    ['seed era', trackEventRequestSchema],
    ['current era', currentTrackEventRequestSchema],
  ] as const) {
    it(`${name}: gives the union's answer, issues byte for byte, for valid events and random mutations of them`, () => {
      const union = resolveSchema(lazy);
      const parse = compiledEventParser(lazy);
      let rejected = 0;
      for (const event of seeds) expect(parse(event)).toStrictEqual(union.safeParse(event));
      fc.assert(
        fc.property(mutatedEvent, (input) => {
          const compiled = parse(input);
          const runtime = union.safeParse(input);
          expect(compiled.success).toBe(runtime.success);
          if (compiled.success) expect(compiled.data).toStrictEqual(runtime.data);
          else {
            rejected += 1;
            expect(JSON.stringify(compiled.error.issues)).toBe(JSON.stringify(runtime.error!.issues));
          }
        }),
        { numRuns: 1500 },
      );
      expect(rejected).toBeGreaterThan(300);
    });
  }

  it('validateTrackEvents parses valid events without the union\'s runtime parser', async () => {
    const union = resolveSchema(trackEventRequestSchema);
    const runtime = vi.spyOn(union, 'safeParse');
    const events = [hookRunEvent('a'), appUsedEvent('b'), hookRunEvent('c')];
    const result = await validateTrackEvents(Buffer.from(JSON.stringify({ events })));
    expect(result).toEqual({ kind: 'ok', events, drift: [], currentEraEvents: 0 });
    expect(runtime).not.toHaveBeenCalled();
  });
});
