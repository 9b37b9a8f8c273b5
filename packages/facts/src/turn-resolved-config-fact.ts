import {
  turnSubmissionTypeSchema,
  unsignedIntegerSchema,
} from '@codex-analytics/events';
import type { z } from 'zod';
import { askForApprovalSchema } from './ask-for-approval.js';
import {
  modeKindSchema,
  personalitySchema,
  protocolApprovalsReviewerSchema,
  protocolReasoningEffortSchema,
  reasoningSummarySchema,
  serviceTierSchema,
} from './model-settings.js';
import { sandboxPolicySchema } from './sandbox-policy.js';
import { sessionSourceSchema } from './session-source.js';
import { lazySchema } from '@codex-analytics/events';

/**
 * The configuration a turn actually ran with (upstream `TurnResolvedConfigFact`). Its own fields are camelCase;
 * the nested settings use the app-server protocol's v2 spelling.
 */
export const turnResolvedConfigFactSchema = lazySchema((z) => z.object({
  turnId: z.string(),
  threadId: z.string(),
  numInputImages: unsignedIntegerSchema,
  submissionType: turnSubmissionTypeSchema.nullable(),
  ephemeral: z.boolean(),
  /** Where the session came from; carried, not emitted. */
  sessionSource: sessionSourceSchema,
  model: z.string(),
  modelProvider: z.string(),
  sandboxPolicy: sandboxPolicySchema,
  reasoningEffort: protocolReasoningEffortSchema.nullable(),
  reasoningSummary: reasoningSummarySchema.nullable(),
  serviceTier: serviceTierSchema.nullable(),
  approvalPolicy: askForApprovalSchema,
  approvalsReviewer: protocolApprovalsReviewerSchema,
  sandboxNetworkAccess: z.boolean(),
  collaborationMode: modeKindSchema,
  personality: personalitySchema.nullable(),
  isFirstTurn: z.boolean(),
}));
export type TurnResolvedConfigFact = z.infer<typeof turnResolvedConfigFactSchema>;
