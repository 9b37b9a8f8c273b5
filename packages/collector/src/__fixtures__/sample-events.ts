// Small valid events for the collector's tests, written from upstream-behaviour.md §(c). Not part of the public API.
import type { CurrentTrackEventRequest, TrackEventRequest } from '@codex-analytics/events';

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

/** A command the model ran, as Codex 0.171.0 reports it in today's wire format (every key, test values). */
export function commandExecutionEvent(threadId = 'thread-1', turnId = 'turn-1', itemId = 'call-1'): CurrentTrackEventRequest {
  return {
    event_type: 'codex_command_execution_event',
    event_params: {
      sandbox_backend: 'none',
      model_slug: 'gpt-5.1-codex',
      reasoning_effort: null,
      thread_id: threadId,
      session_id: threadId,
      turn_id: turnId,
      root_turn_id: turnId,
      item_id: itemId,
      cell_id: null,
      parent_call_id: null,
      originating_response_id: 'resp-1',
      subsequent_response_id: 'resp-2',
      app_server_client: { product_client_id: 'codex_vscode', client_name: 'codex_vscode', client_version: '1.0.0', rpc_transport: 'stdio', experimental_api_enabled: true },
      runtime: { codex_rs_version: '0.171.0', runtime_os: 'linux', runtime_os_version: '12', runtime_arch: 'x86_64' },
      thread_source: null,
      subagent_source: null,
      parent_thread_id: null,
      tool_name: 'unified_exec',
      tool_event_type: 'model_tool_call',
      started_at_ms: 1_716_000_001_000,
      completed_at_ms: 1_716_000_001_250,
      duration_ms: 250,
      execution_duration_ms: 240,
      review_count: 0,
      guardian_review_count: 0,
      user_review_count: 0,
      final_approval_outcome: 'unknown',
      terminal_status: 'completed',
      failure_kind: null,
      requested_additional_permissions: false,
      requested_network_access: false,
      plugin_id: null,
      script_path: null,
      command_execution_source: 'unifiedExecStartup',
      exit_code: 0,
      command_total_action_count: 1,
      command_read_action_count: 0,
      command_list_files_action_count: 0,
      command_search_action_count: 0,
      command_unknown_action_count: 1,
    },
  };
}
