// Small valid events for the collector's tests, written from upstream-behaviour.md §(c). Not part of the public API.
import type { TrackEventRequest } from '@codex-analytics/events';

export function hookRunEvent(threadId = 'thread-1', turnId = 'turn-1'): TrackEventRequest {
  return {
    event_type: 'codex_hook_run',
    event_params: {
      thread_id: threadId,
      turn_id: turnId,
      model_slug: 'gpt-5',
      hook_name: 'Stop',
      hook_source: 'user',
      status: 'completed',
    },
  };
}

export function appUsedEvent(threadId = 'thread-1', appName: string | null = 'Calendar'): TrackEventRequest {
  return {
    event_type: 'codex_app_used',
    event_params: {
      connector_id: 'connector-1',
      thread_id: threadId,
      turn_id: 'turn-1',
      app_name: appName,
      product_client_id: 'codex_cli_rs',
      invoke_type: 'explicit',
      model_slug: 'gpt-5',
    },
  };
}

export function pluginInstalledEvent(pluginId = 'sample@test'): TrackEventRequest {
  return {
    event_type: 'codex_plugin_installed',
    event_params: {
      plugin_id: pluginId,
      plugin_name: 'sample',
      marketplace_name: 'test',
      has_skills: true,
      mcp_server_count: 1,
      connector_ids: ['connector-1'],
      product_client_id: 'codex_cli_rs',
    },
  };
}
