import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EVENT_FIELD_DESCRIPTIONS } from './event-field-descriptions.js';
import { currentTrackEventRequestSchema } from './current-era-events.js';
import { trackEventRequestSchema } from './track-event-request.js';

interface Node {
  properties?: Record<string, Node>;
  anyOf?: Node[];
  oneOf?: Node[];
  items?: Node;
  const?: unknown;
}

/** Every `[event_type, field name]` of the schema, at any depth. */
function fieldNames(schema: z.ZodType): [string, string][] {
  const root = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Node;
  const names: [string, string][] = [];
  const walk = (eventType: string, node: Node) => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      names.push([eventType, name]);
      walk(eventType, child);
    }
    for (const variant of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) walk(eventType, variant);
    if (node.items !== undefined) walk(eventType, node.items);
  };
  for (const branch of root.oneOf ?? root.anyOf ?? []) walk(String(branch.properties?.event_type?.const), branch);
  return names;
}

describe('EVENT_FIELD_DESCRIPTIONS', () => {
  it.each([
    ['seed era', trackEventRequestSchema],
    ["today's wire format", currentTrackEventRequestSchema],
  ])('describes every field of every event (%s)', (_era, schema) => {
    const undescribed = fieldNames(schema).filter(
      ([eventType, name]) => EVENT_FIELD_DESCRIPTIONS[`${eventType}.${name}`] === undefined && EVENT_FIELD_DESCRIPTIONS[name] === undefined,
    );

    expect(undescribed).toEqual([]);
  });

  it('has no entry for a field that no event has, and no empty description', () => {
    const known = new Set([...fieldNames(trackEventRequestSchema), ...fieldNames(currentTrackEventRequestSchema)].flatMap(([eventType, name]) => [name, `${eventType}.${name}`]));

    expect(Object.keys(EVENT_FIELD_DESCRIPTIONS).filter((key) => !known.has(key))).toEqual([]);
    expect(Object.values(EVENT_FIELD_DESCRIPTIONS).filter((text) => text.trim().length < 8)).toEqual([]);
  });
});
