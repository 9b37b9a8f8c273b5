// Walks the fields of a zod schema through its definitions (`_zod.def`), which also works through the lazy schema
// proxies (z.toJSONSchema does not). For the field descriptions' test and the collector's page.

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  options?: Schema[];
  element?: Schema;
  entries?: Record<string, unknown>;
  values?: unknown[];
  in?: Schema;
  valueType?: Schema;
  left?: Schema;
  right?: Schema;
  getter?: () => Schema;
}
interface Schema {
  _zod: { def: Def };
}

/** Calls `visit(path, typeText)` for every field at any depth (`event_params.thread_id`), in declaration order. */
export function walkSchemaFields(schema: unknown, visit: (path: string, type: string) => void, path = ''): void {
  const def = (schema as Schema)._zod.def;
  switch (def.type) {
    case 'object':
      for (const [name, child] of Object.entries(def.shape ?? {})) {
        const childPath = path === '' ? name : `${path}.${name}`;
        visit(childPath, schemaTypeText(child));
        walkSchemaFields(child, visit, childPath);
      }
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return walkSchemaFields(def.innerType, visit, path);
    case 'union':
      for (const option of def.options ?? []) walkSchemaFields(option, visit, path);
      return;
    case 'array':
      return walkSchemaFields(def.element, visit, path);
    case 'record':
      return walkSchemaFields(def.valueType, visit, path);
    case 'pipe':
      return walkSchemaFields(def.in, visit, path);
    case 'intersection':
      walkSchemaFields(def.left, visit, path);
      return walkSchemaFields(def.right, visit, path);
    case 'lazy':
      return def.getter === undefined ? undefined : walkSchemaFields(def.getter(), visit, path);
    default:
      return;
  }
}

/** A short wire type: `string`, `number | null`, `"a" | "b"`, `object`, `array`. */
export function schemaTypeText(schema: unknown): string {
  const def = (schema as Schema)._zod.def;
  switch (def.type) {
    case 'nullable':
      return `${schemaTypeText(def.innerType)} | null`;
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return schemaTypeText(def.innerType);
    case 'enum':
      return Object.values(def.entries ?? {}).map((value) => JSON.stringify(value)).join(' | ');
    case 'literal':
      return (def.values ?? []).map((value) => JSON.stringify(value)).join(' | ');
    case 'union':
      return [...new Set((def.options ?? []).map(schemaTypeText))].join(' | ');
    case 'pipe':
      return def.in === undefined ? 'any' : schemaTypeText(def.in);
    case 'lazy':
      return def.getter === undefined ? 'any' : schemaTypeText(def.getter());
    default:
      return def.type;
  }
}
