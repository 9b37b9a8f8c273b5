import { loadZod, resolveSchema } from '@codex-analytics/events';
import type { z } from 'zod';

/** `safeParse` of a discriminated union of events, as zod answers it. */
export type EventParser<T> = (input: unknown) => z.ZodSafeParseResult<T>;

interface EventUnion<T> {
  safeParse(input: unknown): z.ZodSafeParseResult<T>;
  options: readonly z.ZodObject[];
}

/**
 * `union.safeParse` at compiled speed. The union (a zod discriminated union on `event_type`, possibly lazy) stays
 * the source of truth: an event is parsed by its own type's branch compiled with `z.compile` (zod's generated
 * parser, built the first time an event of that type comes, so a collector compiles only the types it receives,
 * each in its own validation slice), and anything that branch does not accept is parsed again by the union on
 * zod's runtime parser, whose result, the issues of a rejection included, is returned as it is.
 */
export function compiledEventParser<T>(lazyUnion: object): EventParser<T> {
  let union: EventUnion<T> | undefined;
  const compiled = new Map<string, EventParser<T> | null>();
  const branchParser = (eventType: string): EventParser<T> | null => {
    let parser = compiled.get(eventType);
    if (parser !== undefined) return parser;
    parser = null;
    const branch = union?.options.find((option) => literalValues(option.shape.event_type).has(eventType));
    if (branch !== undefined) {
      const fast = loadZod().compile(branch);
      parser = (input) => fast.safeParse(input) as z.ZodSafeParseResult<T>;
    }
    compiled.set(eventType, parser);
    return parser;
  };
  return (input) => {
    union ??= resolveSchema(lazyUnion) as EventUnion<T>;
    const eventType = eventTypeOf(input);
    const parser = eventType === undefined ? null : branchParser(eventType);
    if (parser !== null) {
      const result = parser(input);
      if (result.success) return result;
    }
    return union.safeParse(input);
  };
}

function eventTypeOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const type: unknown = (input as { event_type?: unknown }).event_type;
  return typeof type === 'string' ? type : undefined;
}

/** The values of a literal schema (a branch's `event_type`), or none. */
function literalValues(schema: unknown): ReadonlySet<unknown> {
  const values: unknown = (schema as { values?: unknown } | undefined)?.values;
  return values instanceof Set ? values : new Set();
}
