import type {
  CodexAppMentionedEvent,
  CodexAppMetadata,
  CodexAppUsedEvent,
  CodexHookRunEvent,
  CodexPluginMetadata,
  CodexPluginUsedEvent,
  TrackEventRequest,
} from '@codex-analytics/events';
import { pluginIdKey } from '@codex-analytics/facts';
import type {
  AppInvocation,
  HookRunFact,
  PluginState,
  PluginTelemetryMetadata,
  TrackEventsContext,
} from '@codex-analytics/facts';

// Stateless events: built from one fact alone, in the wire's key order.

function appMetadata(tracking: TrackEventsContext, app: AppInvocation, originator: string): CodexAppMetadata {
  return {
    connector_id: app.connectorId,
    thread_id: tracking.threadId,
    turn_id: tracking.turnId,
    app_name: app.appName,
    product_client_id: originator,
    invoke_type: app.invocationType,
    model_slug: tracking.modelSlug,
  };
}

export function appMentionedEvent(tracking: TrackEventsContext, app: AppInvocation, originator: string): CodexAppMentionedEvent {
  return { event_type: 'codex_app_mentioned', event_params: appMetadata(tracking, app, originator) };
}

export function appUsedEvent(tracking: TrackEventsContext, app: AppInvocation, originator: string): CodexAppUsedEvent {
  return { event_type: 'codex_app_used', event_params: appMetadata(tracking, app, originator) };
}

/** A hook still `running` when reported is reported as `failed`. */
export function hookRunEvent(tracking: TrackEventsContext, hook: HookRunFact): CodexHookRunEvent {
  return {
    event_type: 'codex_hook_run',
    event_params: {
      thread_id: tracking.threadId,
      turn_id: tracking.turnId,
      model_slug: tracking.modelSlug,
      hook_name: hook.eventName,
      hook_source: hook.hookSource,
      status: hook.status === 'running' ? 'failed' : hook.status,
    },
  };
}

function pluginMetadata(plugin: PluginTelemetryMetadata, originator: string): CodexPluginMetadata {
  const summary = plugin.capabilitySummary;
  return {
    plugin_id: pluginIdKey(plugin.pluginId),
    plugin_name: plugin.pluginId.pluginName,
    marketplace_name: plugin.pluginId.marketplaceName,
    has_skills: summary === null ? null : summary.hasSkills,
    mcp_server_count: summary === null ? null : summary.mcpServerNames.length,
    connector_ids: summary === null ? null : [...summary.appConnectorIds],
    product_client_id: originator,
  };
}

export function pluginUsedEvent(
  tracking: TrackEventsContext,
  plugin: PluginTelemetryMetadata,
  originator: string,
): CodexPluginUsedEvent {
  return {
    event_type: 'codex_plugin_used',
    event_params: {
      ...pluginMetadata(plugin, originator),
      thread_id: tracking.threadId,
      turn_id: tracking.turnId,
      model_slug: tracking.modelSlug,
    },
  };
}

const PLUGIN_STATE_EVENT_TYPES = {
  installed: 'codex_plugin_installed',
  uninstalled: 'codex_plugin_uninstalled',
  enabled: 'codex_plugin_enabled',
  disabled: 'codex_plugin_disabled',
} as const;

export function pluginStateEvent(plugin: PluginTelemetryMetadata, state: PluginState, originator: string): TrackEventRequest {
  return { event_type: PLUGIN_STATE_EVENT_TYPES[state], event_params: pluginMetadata(plugin, originator) };
}
