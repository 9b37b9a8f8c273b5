import { PLUGIN_ID_SEGMENT_PATTERN } from './plugin-telemetry-metadata.js';
import type { PluginId } from './plugin-telemetry-metadata.js';

/** The plugin's key, `name@marketplace` (upstream `PluginId::as_key`), e.g. `sample@test`. */
export function pluginIdKey(pluginId: PluginId): string {
  return `${pluginId.pluginName}@${pluginId.marketplaceName}`;
}

/**
 * Parses a `name@marketplace` key (upstream `PluginId::parse`): splits on the last `@`; both sides must be
 * non-empty and made of ASCII letters, digits, `-` and `_`. Returns `undefined` for anything else; it never throws.
 */
export function parsePluginIdKey(key: string): PluginId | undefined {
  const at = key.lastIndexOf('@');
  if (at < 0) return undefined;
  const pluginName = key.slice(0, at);
  const marketplaceName = key.slice(at + 1);
  if (!PLUGIN_ID_SEGMENT_PATTERN.test(pluginName) || !PLUGIN_ID_SEGMENT_PATTERN.test(marketplaceName)) return undefined;
  return { pluginName, marketplaceName };
}
