import type { z } from 'zod';
import { appInvocationSchema } from './app-invocation.js';
import { codexCompactionEventFactSchema } from './codex-compaction-event.js';
import { guardianReviewEventParamsFactSchema } from './guardian-review-event-params.js';
import { hookRunFactSchema } from './hook-run-fact.js';
import { pluginStateSchema, pluginTelemetryMetadataSchema } from './plugin-telemetry-metadata.js';
import { skillInvocationSchema } from './skill-invocation.js';
import { subAgentThreadStartedInputSchema } from './subagent-thread-started-input.js';
import { trackEventsContextSchema } from './track-events-context.js';
import { turnResolvedConfigFactSchema } from './turn-resolved-config-fact.js';
import { turnCodexErrorFactSchema } from './turn-codex-error-fact.js';
import { turnProfileFactSchema } from './turn-profile-fact.js';
import { turnTokenUsageFactSchema } from './turn-token-usage-fact.js';
import { lazySchema } from '@codex-analytics/events';

// The facts with no app-server protocol shape (upstream `CustomAnalyticsFact` variants). Where the upstream payload
// type is itself called `...Fact` (`HookRunFact`, `TurnResolvedConfigFact`, `TurnTokenUsageFact`), the tagged fact
// is called `...AnalyticsFact` so the two names do not collide.

export const skillInvokedFactSchema = lazySchema((z) => z.object({
  type: z.literal('skill_invoked'),
  tracking: trackEventsContextSchema,
  invocations: z.array(skillInvocationSchema),
}));
export type SkillInvokedFact = z.infer<typeof skillInvokedFactSchema>;

export const appMentionedFactSchema = lazySchema((z) => z.object({
  type: z.literal('app_mentioned'),
  tracking: trackEventsContextSchema,
  mentions: z.array(appInvocationSchema),
}));
export type AppMentionedFact = z.infer<typeof appMentionedFactSchema>;

export const appUsedFactSchema = lazySchema((z) => z.object({
  type: z.literal('app_used'),
  tracking: trackEventsContextSchema,
  app: appInvocationSchema,
}));
export type AppUsedFact = z.infer<typeof appUsedFactSchema>;

export const hookRunAnalyticsFactSchema = lazySchema((z) => z.object({
  type: z.literal('hook_run'),
  tracking: trackEventsContextSchema,
  hook: hookRunFactSchema,
}));
export type HookRunAnalyticsFact = z.infer<typeof hookRunAnalyticsFactSchema>;

export const pluginUsedFactSchema = lazySchema((z) => z.object({
  type: z.literal('plugin_used'),
  tracking: trackEventsContextSchema,
  plugin: pluginTelemetryMetadataSchema,
}));
export type PluginUsedFact = z.infer<typeof pluginUsedFactSchema>;

export const pluginStateChangedFactSchema = lazySchema((z) => z.object({
  type: z.literal('plugin_state_changed'),
  plugin: pluginTelemetryMetadataSchema,
  state: pluginStateSchema,
}));
export type PluginStateChangedFact = z.infer<typeof pluginStateChangedFactSchema>;

export const compactionFactSchema = lazySchema((z) => z.object({
  type: z.literal('compaction'),
  event: codexCompactionEventFactSchema,
}));
export type CompactionFact = z.infer<typeof compactionFactSchema>;

export const guardianReviewFactSchema = lazySchema((z) => z.object({
  type: z.literal('guardian_review'),
  review: guardianReviewEventParamsFactSchema,
}));
export type GuardianReviewFact = z.infer<typeof guardianReviewFactSchema>;

export const subagentThreadStartedFactSchema = lazySchema((z) => z.object({
  type: z.literal('subagent_thread_started'),
  input: subAgentThreadStartedInputSchema,
}));
export type SubagentThreadStartedFact = z.infer<typeof subagentThreadStartedFactSchema>;

export const turnResolvedConfigAnalyticsFactSchema = lazySchema((z) => z.object({
  type: z.literal('turn_resolved_config'),
  config: turnResolvedConfigFactSchema,
}));
export type TurnResolvedConfigAnalyticsFact = z.infer<typeof turnResolvedConfigAnalyticsFactSchema>;

export const turnTokenUsageAnalyticsFactSchema = lazySchema((z) => z.object({
  type: z.literal('turn_token_usage'),
  usage: turnTokenUsageFactSchema,
}));
export type TurnTokenUsageAnalyticsFact = z.infer<typeof turnTokenUsageAnalyticsFactSchema>;

export const turnProfileAnalyticsFactSchema = lazySchema((z) => z.object({
  type: z.literal('turn_profile'),
  profile: turnProfileFactSchema,
}));
export type TurnProfileAnalyticsFact = z.infer<typeof turnProfileAnalyticsFactSchema>;

export const turnCodexErrorAnalyticsFactSchema = lazySchema((z) => z.object({
  type: z.literal('turn_codex_error'),
  error: turnCodexErrorFactSchema,
}));
export type TurnCodexErrorAnalyticsFact = z.infer<typeof turnCodexErrorAnalyticsFactSchema>;
