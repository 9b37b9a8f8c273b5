import { z } from 'zod';
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

/**
 * Every fact, discriminated by `type`. A fact is plain JSON: `JSON.parse(JSON.stringify(fact))` parses back to an
 * equal fact. Unknown fields are never an error: protocol objects keep them as given, custom facts drop them.
 */
export const analyticsFactSchema = z.discriminatedUnion(
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
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `unknown fact type; expected one of: ${FACT_TYPES.join(', ')}` : undefined,
  },
);
export type AnalyticsFact = z.infer<typeof analyticsFactSchema>;

/** The fact of one `type`, e.g. `AnalyticsFactOfType<'hook_run'>`. */
export type AnalyticsFactOfType<T extends FactType> = Extract<AnalyticsFact, { type: T }>;
