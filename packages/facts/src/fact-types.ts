/**
 * The 16 `type` strings of `AnalyticsFact`: the five protocol-shaped facts first, then the custom facts
 * (upstream `AnalyticsFact` and `CustomAnalyticsFact`).
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
] as const;

export type FactType = (typeof FACT_TYPES)[number];
