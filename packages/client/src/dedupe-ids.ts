import { pluginIdKey } from '@codex-analytics/facts';
import { propertyOf } from './property-of.js';

/** The tracking context's turn id, when it is a string. */
export function turnIdOf(tracking: unknown): string | undefined {
  const turnId = propertyOf(tracking, 'turnId');
  return typeof turnId === 'string' ? turnId : undefined;
}

/** The app's connector id: the app-used dedupe key. `undefined` (never deduped) without one, as upstream. */
export function appUsedDedupeId(app: unknown): string | undefined {
  const connectorId = propertyOf(app, 'connectorId');
  return typeof connectorId === 'string' ? connectorId : undefined;
}

/** The plugin's key, `name@marketplace`: the plugin-used dedupe key; `undefined` for a malformed plugin id. */
export function pluginUsedDedupeId(plugin: unknown): string | undefined {
  const pluginId = propertyOf(plugin, 'pluginId');
  const pluginName = propertyOf(pluginId, 'pluginName');
  const marketplaceName = propertyOf(pluginId, 'marketplaceName');
  if (typeof pluginName !== 'string' || typeof marketplaceName !== 'string') return undefined;
  return pluginIdKey({ pluginName, marketplaceName });
}
