import type { z } from 'zod';
import { unsignedIntegerSchema } from './wire-numbers.js';
import { lazySchema } from './lazy-schema.js';

/** Plugin metadata, flattened into every plugin event. */
export const codexPluginMetadataSchema = lazySchema((z) => z.strictObject({
  plugin_id: z.string().nullable(),
  plugin_name: z.string().nullable(),
  marketplace_name: z.string().nullable(),
  has_skills: z.boolean().nullable(),
  mcp_server_count: unsignedIntegerSchema.nullable(),
  connector_ids: z.array(z.string()).nullable(),
  product_client_id: z.string().nullable(),
}));
export type CodexPluginMetadata = z.infer<typeof codexPluginMetadataSchema>;

export const codexPluginUsedMetadataSchema = lazySchema((z) => z.strictObject({
  ...codexPluginMetadataSchema.shape,
  thread_id: z.string().nullable(),
  turn_id: z.string().nullable(),
  model_slug: z.string().nullable(),
}));
export type CodexPluginUsedMetadata = z.infer<typeof codexPluginUsedMetadataSchema>;

/** `codex_plugin_used`: a plugin was used in a turn; deduplicated per turn and plugin by the client. */
export const codexPluginUsedEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_plugin_used'),
  event_params: codexPluginUsedMetadataSchema,
}));
export type CodexPluginUsedEvent = z.infer<typeof codexPluginUsedEventSchema>;

export const codexPluginInstalledEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_plugin_installed'),
  event_params: codexPluginMetadataSchema,
}));
export type CodexPluginInstalledEvent = z.infer<typeof codexPluginInstalledEventSchema>;

export const codexPluginUninstalledEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_plugin_uninstalled'),
  event_params: codexPluginMetadataSchema,
}));
export type CodexPluginUninstalledEvent = z.infer<typeof codexPluginUninstalledEventSchema>;

export const codexPluginEnabledEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_plugin_enabled'),
  event_params: codexPluginMetadataSchema,
}));
export type CodexPluginEnabledEvent = z.infer<typeof codexPluginEnabledEventSchema>;

export const codexPluginDisabledEventSchema = lazySchema((z) => z.strictObject({
  event_type: z.literal('codex_plugin_disabled'),
  event_params: codexPluginMetadataSchema,
}));
export type CodexPluginDisabledEvent = z.infer<typeof codexPluginDisabledEventSchema>;
