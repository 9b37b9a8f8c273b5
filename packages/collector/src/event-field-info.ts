import { currentTrackEventRequestSchema, EVENT_FIELD_DESCRIPTIONS, trackEventRequestSchema, walkSchemaFields } from '@codex-analytics/events';

/** What the page shows for a field: its meaning (from the events package) and its wire type. */
export interface FieldInfo {
  description: string;
  type: string;
}

/** Per `event_type`, per dotted path (`event_params.thread_id`); `'*'` holds the descriptions by bare field name. */
export type EventFieldInfo = Record<string, Record<string, FieldInfo>>;

interface UnionDef {
  _zod: { def: { options: { _zod: { def: { shape: { event_type: { _zod: { def: { values: unknown[] } } } } } } }[] } };
}

let cached: EventFieldInfo | undefined;

/**
 * Built once, on the first page request, from the event schemas of both wire eras and `EVENT_FIELD_DESCRIPTIONS`;
 * a path in both eras keeps the seed era's type.
 */
export function eventFieldInfo(): EventFieldInfo {
  cached ??= build();
  return cached;
}

function build(): EventFieldInfo {
  const info: EventFieldInfo = { '*': {} };
  for (const [name, description] of Object.entries(EVENT_FIELD_DESCRIPTIONS)) {
    if (!name.includes('.')) info['*']![name] = { description, type: '' };
  }
  for (const schema of [trackEventRequestSchema, currentTrackEventRequestSchema]) {
    for (const option of (schema as unknown as UnionDef)._zod.def.options) {
      const eventType = option._zod.def.shape.event_type._zod.def.values[0];
      if (typeof eventType !== 'string') continue;
      const fields = (info[eventType] ??= {});
      walkSchemaFields(option, (path, type) => {
        const name = path.slice(path.lastIndexOf('.') + 1);
        const description = EVENT_FIELD_DESCRIPTIONS[`${eventType}.${name}`] ?? EVENT_FIELD_DESCRIPTIONS[name];
        if (description !== undefined) fields[path] ??= { description, type };
      });
    }
  }
  return info;
}
