import type { z } from 'zod';
import {
  appMentionedFactSchema,
  appUsedFactSchema,
  compactionFactSchema,
  guardianReviewFactSchema,
  hookRunAnalyticsFactSchema,
  pluginStateChangedFactSchema,
  pluginUsedFactSchema,
  skillInvokedFactSchema,
  subagentThreadStartedFactSchema,
  turnCodexErrorAnalyticsFactSchema,
  turnProfileAnalyticsFactSchema,
  turnResolvedConfigAnalyticsFactSchema,
  turnTokenUsageAnalyticsFactSchema,
} from './custom-facts.js';
import { FACT_TYPES } from './fact-types.js';
import type { FactType } from './fact-types.js';
import {
  clientRequestFactSchema,
  clientResponseFactSchema,
  errorResponseFactSchema,
  initializeFactSchema,
  notificationFactSchema,
} from './protocol-facts.js';
import { lazySchema } from '@codex-analytics/events';

/** The schema of each fact type, for parsing a fact with the one schema its `type` names (built on first use). */
export const factSchemasByType = {
  initialize: initializeFactSchema,
  client_request: clientRequestFactSchema,
  client_response: clientResponseFactSchema,
  error_response: errorResponseFactSchema,
  notification: notificationFactSchema,
  skill_invoked: skillInvokedFactSchema,
  app_mentioned: appMentionedFactSchema,
  app_used: appUsedFactSchema,
  hook_run: hookRunAnalyticsFactSchema,
  plugin_used: pluginUsedFactSchema,
  plugin_state_changed: pluginStateChangedFactSchema,
  compaction: compactionFactSchema,
  guardian_review: guardianReviewFactSchema,
  subagent_thread_started: subagentThreadStartedFactSchema,
  turn_resolved_config: turnResolvedConfigAnalyticsFactSchema,
  turn_token_usage: turnTokenUsageAnalyticsFactSchema,
  turn_profile: turnProfileAnalyticsFactSchema,
  turn_codex_error: turnCodexErrorAnalyticsFactSchema,
} as const satisfies Record<FactType, object>;

/**
 * Every fact, discriminated by `type`. A fact is plain JSON: `JSON.parse(JSON.stringify(fact))` parses back to an
 * equal fact. Unknown fields are never an error: protocol objects keep them as given, custom facts drop them.
 */
export const analyticsFactSchema = lazySchema((z) => z.discriminatedUnion(
  'type',
  [
    initializeFactSchema,
    clientRequestFactSchema,
    clientResponseFactSchema,
    errorResponseFactSchema,
    notificationFactSchema,
    skillInvokedFactSchema,
    appMentionedFactSchema,
    appUsedFactSchema,
    hookRunAnalyticsFactSchema,
    pluginUsedFactSchema,
    pluginStateChangedFactSchema,
    compactionFactSchema,
    guardianReviewFactSchema,
    subagentThreadStartedFactSchema,
    turnResolvedConfigAnalyticsFactSchema,
    turnTokenUsageAnalyticsFactSchema,
    turnProfileAnalyticsFactSchema,
    turnCodexErrorAnalyticsFactSchema,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `unknown fact type; expected one of: ${FACT_TYPES.join(', ')}` : undefined,
  },
));
export type AnalyticsFact = z.infer<typeof analyticsFactSchema>;

/** The fact of one `type`, e.g. `AnalyticsFactOfType<'hook_run'>`. */
export type AnalyticsFactOfType<T extends FactType> = Extract<AnalyticsFact, { type: T }>;
