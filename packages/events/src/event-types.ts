/** The 14 `event_type` strings of the wire format, in the order of the upstream `TrackEventRequest` enum. */
export const EVENT_TYPES = [
  'skill_invocation',
  'codex_thread_initialized',
  'codex_guardian_review',
  'codex_app_mentioned',
  'codex_app_used',
  'codex_hook_run',
  'codex_compaction_event',
  'codex_turn_event',
  'codex_turn_steer_event',
  'codex_plugin_used',
  'codex_plugin_installed',
  'codex_plugin_uninstalled',
  'codex_plugin_enabled',
  'codex_plugin_disabled',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
