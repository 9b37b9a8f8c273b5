/**
 * The 18 `type` strings of `AnalyticsFact`: the five protocol-shaped facts first, then the custom facts
 * (upstream `AnalyticsFact` and `CustomAnalyticsFact`); the last two (a turn's profile and Codex error) only today's
 * wire format reports.
 */
export const FACT_TYPES = [
  'initialize',
  'client_request',
  'client_response',
  'error_response',
  'notification',
  'skill_invoked',
  'app_mentioned',
  'app_used',
  'hook_run',
  'plugin_used',
  'plugin_state_changed',
  'compaction',
  'guardian_review',
  'subagent_thread_started',
  'turn_resolved_config',
  'turn_token_usage',
  'turn_profile',
  'turn_codex_error',
] as const;

export type FactType = (typeof FACT_TYPES)[number];
