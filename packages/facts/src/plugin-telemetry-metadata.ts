import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

/** @internal The characters a plugin or marketplace name may use (upstream `PluginId` validation). */
export const PLUGIN_ID_SEGMENT_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A plugin or marketplace name: non-empty ASCII letters, digits, `-` and `_`. */
export const pluginIdSegmentSchema = lazySchema((z) => z
  .string()
  .regex(PLUGIN_ID_SEGMENT_PATTERN, { message: 'expected a non-empty name of ASCII letters, digits, "-" or "_"' }));

/** A plugin's identity (upstream `codex-plugin` `PluginId`); its key is `name@marketplace`. */
export const pluginIdSchema = lazySchema((z) => z.object({
  pluginName: pluginIdSegmentSchema,
  marketplaceName: pluginIdSegmentSchema,
}));
export type PluginId = z.infer<typeof pluginIdSchema>;

/** What a plugin provides (upstream `PluginCapabilitySummary`). */
export const pluginCapabilitySummarySchema = lazySchema((z) => z.object({
  configName: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
  hasSkills: z.boolean(),
  mcpServerNames: z.array(z.string()),
  appConnectorIds: z.array(z.string()),
}));
export type PluginCapabilitySummary = z.infer<typeof pluginCapabilitySummarySchema>;

/** A plugin and, when known, what it provides (upstream `PluginTelemetryMetadata`). */
export const pluginTelemetryMetadataSchema = lazySchema((z) => z.object({
  pluginId: pluginIdSchema,
  capabilitySummary: pluginCapabilitySummarySchema.nullable(),
}));
export type PluginTelemetryMetadata = z.infer<typeof pluginTelemetryMetadataSchema>;

/** What happened to a plugin; selects the event type (`codex_plugin_installed`, ...). */
export const pluginStateSchema = lazySchema((z) => z.enum(['installed', 'uninstalled', 'enabled', 'disabled']));
export type PluginState = z.infer<typeof pluginStateSchema>;
