import { lazySchema } from './lazy-schema.js';
import { unsignedIntegerSchema } from './wire-numbers.js';

const pluginMetadataShape = lazySchema((z) => ({
  plugin_id: z.string().nullable(),
  plugin_name: z.string().nullable(),
  marketplace_name: z.string().nullable(),
  has_skills: z.boolean().nullable(),
  mcp_server_count: unsignedIntegerSchema.nullable(),
  connector_ids: z.array(z.string()).nullable(),
  product_client_id: z.string().nullable(),
}));
const currentPluginMetadataSchema = lazySchema((z) => z.looseObject(pluginMetadataShape));

export const currentPluginUsedEventSchema = lazySchema((z) => z.looseObject({
  event_type: z.literal('codex_plugin_used'),
  event_params: z.looseObject({
    ...pluginMetadataShape,
    mcp_server_names: z.array(z.string()).nullable().optional(),
    thread_id: z.string().nullable(),
    turn_id: z.string().nullable(),
    model_slug: z.string().nullable(),
  }),
}));
export const currentPluginInstalledEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_plugin_installed'), event_params: currentPluginMetadataSchema }));
export const currentPluginUninstalledEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_plugin_uninstalled'), event_params: currentPluginMetadataSchema }));
export const currentPluginEnabledEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_plugin_enabled'), event_params: currentPluginMetadataSchema }));
export const currentPluginDisabledEventSchema = lazySchema((z) => z.looseObject({ event_type: z.literal('codex_plugin_disabled'), event_params: currentPluginMetadataSchema }));
