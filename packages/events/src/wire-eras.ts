import type { z } from 'zod';
import { currentTrackEventRequestSchema, currentTrackEventsRequestSchema } from './current-era-events.js';
import type { CurrentOnlyEventType } from './current-tool-item-events.js';
import type { EventType } from './event-types.js';
import { trackEventRequestSchema, trackEventsRequestSchema } from './track-event-request.js';

/**
 * The two wire formats a receiver can validate against:
 * - `seed`: exactly what the Rust client of the seed (PR #18094, April 2026) sent and what our reducer emits; strict
 *   (an unknown key is an error).
 * - `current`: what today's Codex sends (checked against Codex CLI 0.169.0 and 0.171.0); loose (an unknown key is kept and can
 *   be listed with `findUnknownWireKeys`), with the keys added since the seed typed.
 */
export const WIRE_ERAS = ['seed', 'current'] as const;
export type WireEra = (typeof WIRE_ERAS)[number];

/** The schemas of each era: one event, and the request body `{ events }`. */
export const wireEraSchemas = {
  seed: { event: trackEventRequestSchema, request: trackEventsRequestSchema },
  current: { event: currentTrackEventRequestSchema, request: currentTrackEventsRequestSchema },
} as const satisfies Record<WireEra, { event: z.ZodType; request: z.ZodType }>;

/** The era's schema of one event type (the seed era has none for `CURRENT_ONLY_EVENT_TYPES`: it throws). */
export function wireEventSchema(era: WireEra, eventType: EventType | CurrentOnlyEventType): z.ZodType {
  const schema = eventSchemasByTypeOf(era).get(eventType);
  if (schema === undefined) throw new TypeError(`no ${era} schema for ${eventType}`);
  return schema;
}

/**
 * The keys of `event` that the era's schema of its `event_type` does not know, as dotted paths from the event
 * (`event_params.session_id`; array items as `name[]`). Only keys are compared, not values: run the schema for that.
 * An event whose `event_type` the era does not know (not one of its 14, or 22 today) yields `['event_type']`.
 */
export function findUnknownWireKeys(event: unknown, era: WireEra = 'current'): string[] {
  if (!isRecord(event) || typeof event.event_type !== 'string') return [];
  const schema = eventSchemasByTypeOf(era).get(event.event_type);
  if (schema === undefined) return ['event_type'];
  const unknown: string[] = [];
  collectUnknownKeys(schema, event, '', unknown);
  return unknown;
}

// ---- schema walking (zod 4 definitions) ----

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); def.innerType !== undefined && wrapperTypes.has(def.type); def = defOf(current)) current = def.innerType;
  return current;
}
const wrapperTypes = new Set(['optional', 'nullable', 'default', 'readonly', 'nonoptional', 'catch', 'prefault']);

function collectUnknownKeys(schema: z.ZodType, value: unknown, path: string, out: string[]): void {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object' && def.shape !== undefined && isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      const childSchema = def.shape[key];
      if (childSchema === undefined) out.push(childPath);
      else collectUnknownKeys(childSchema, child, childPath, out);
    }
    return;
  }
  if (def.type === 'array' && def.element !== undefined && Array.isArray(value)) {
    const seen = new Set<string>();
    for (const item of value) {
      const found: string[] = [];
      collectUnknownKeys(def.element, item, `${path}[]`, found);
      for (const key of found) seen.add(key);
    }
    out.push(...seen);
    return;
  }
  if (def.type === 'union' && def.options !== undefined) {
    const match = def.options.find((option) => option.safeParse(value).success);
    if (match !== undefined) collectUnknownKeys(match, value, path, out);
  }
}

function schemasByType(union: z.ZodType): Map<string, z.ZodType> {
  const map = new Map<string, z.ZodType>();
  for (const option of defOf(union).options ?? []) {
    const literal = defOf(option).shape?.event_type;
    const values = literal === undefined ? undefined : (defOf(literal) as Def & { values?: unknown[] }).values;
    if (typeof values?.[0] === 'string') map.set(values[0], option);
  }
  return map;
}

// Built on first use, like the schemas it reads (importing the package builds nothing).
let byType: Record<WireEra, Map<string, z.ZodType>> | undefined;
function eventSchemasByTypeOf(era: WireEra): Map<string, z.ZodType> {
  byType ??= {
    seed: schemasByType(trackEventRequestSchema),
    current: schemasByType(currentTrackEventRequestSchema),
  };
  return byType[era];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
