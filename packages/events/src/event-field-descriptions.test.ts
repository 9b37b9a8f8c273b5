import { describe, expect, it } from 'vitest';
import { currentTrackEventRequestSchema } from './current-era-events.js';
import { EVENT_FIELD_DESCRIPTIONS } from './event-field-descriptions.js';
import { trackEventRequestSchema } from './track-event-request.js';
import { walkSchemaFields } from './walk-schema-fields.js';

/** Every `[event_type, field name]` of the union of events, at any depth. */
function fieldNames(schema: unknown): [string, string][] {
  const names: [string, string][] = [];
  const options = (schema as { _zod: { def: { options: { _zod: { def: { shape: { event_type: { _zod: { def: { values: string[] } } } } } } }[] } } })._zod.def.options;
  for (const option of options) {
    const eventType = option._zod.def.shape.event_type._zod.def.values[0]!;
    walkSchemaFields(option, (path) => names.push([eventType, path.slice(path.lastIndexOf('.') + 1)]));
  }
  return names;
}

describe('EVENT_FIELD_DESCRIPTIONS', () => {
  it.each([
    ['seed era', trackEventRequestSchema],
    ["today's wire format", currentTrackEventRequestSchema],
  ])('describes every field of every event (%s)', (_era, schema) => {
    const names = fieldNames(schema);
    const undescribed = names.filter(
      ([eventType, name]) => EVENT_FIELD_DESCRIPTIONS[`${eventType}.${name}`] === undefined && EVENT_FIELD_DESCRIPTIONS[name] === undefined,
    );

    expect(names.length).toBeGreaterThan(100);
    expect(undescribed).toEqual([]);
  });

  it('has no entry for a field that no event has, and no empty description', () => {
    const known = new Set([...fieldNames(trackEventRequestSchema), ...fieldNames(currentTrackEventRequestSchema)].flatMap(([eventType, name]) => [name, `${eventType}.${name}`]));

    expect(Object.keys(EVENT_FIELD_DESCRIPTIONS).filter((key) => !known.has(key))).toEqual([]);
    expect(Object.values(EVENT_FIELD_DESCRIPTIONS).filter((text) => text.trim().length < 8)).toEqual([]);
  });
});
