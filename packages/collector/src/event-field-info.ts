import { currentTrackEventRequestSchema, EVENT_FIELD_DESCRIPTIONS, trackEventRequestSchema } from '@codex-analytics/events';
import { z } from 'zod';

/** What the page shows for a field: its meaning (from the events package) and its wire type. */
export interface FieldInfo {
  description: string;
  type: string;
}

/** Per `event_type`, per dotted path (`event_params.thread_id`); `'*'` holds the descriptions by bare field name. */
export type EventFieldInfo = Record<string, Record<string, FieldInfo>>;

interface JsonSchemaNode {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchemaNode>;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  items?: JsonSchemaNode;
}

let cached: EventFieldInfo | undefined;

/**
 * Built once, on the first page request, from the event schemas of both wire eras (as JSON Schema) and
 * `EVENT_FIELD_DESCRIPTIONS`; a path in both eras keeps the seed era's type.
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
    const root = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchemaNode;
    for (const branch of root.oneOf ?? root.anyOf ?? []) {
      const eventType = branch.properties?.event_type?.const;
      if (typeof eventType !== 'string') continue;
      const fields = (info[eventType] ??= {});
      walk(branch, '', (path, node) => {
        const name = path.slice(path.lastIndexOf('.') + 1);
        const description = EVENT_FIELD_DESCRIPTIONS[`${eventType}.${name}`] ?? EVENT_FIELD_DESCRIPTIONS[name];
        if (description !== undefined) fields[path] ??= { description, type: typeText(node) };
      });
    }
  }
  return info;
}

function walk(node: JsonSchemaNode, path: string, visit: (path: string, node: JsonSchemaNode) => void): void {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const childPath = path === '' ? name : `${path}.${name}`;
    visit(childPath, child);
    walk(child, childPath, visit);
    for (const variant of [...(child.anyOf ?? []), ...(child.oneOf ?? [])]) walk(variant, childPath, visit);
    if (child.items !== undefined) walk(child.items, childPath, visit);
  }
}

/** A short wire type: `string`, `integer | null`, `"a" | "b"`, `object`, `array`. */
function typeText(node: JsonSchemaNode): string {
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum !== undefined) return node.enum.map((value) => JSON.stringify(value)).join(' | ');
  const variants = node.anyOf ?? node.oneOf;
  if (variants !== undefined) return [...new Set(variants.map(typeText))].join(' | ');
  if (Array.isArray(node.type)) return node.type.join(' | ');
  return node.type ?? 'any';
}
