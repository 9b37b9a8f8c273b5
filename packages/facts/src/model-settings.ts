import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// The per-turn model settings a resolved config carries, in the protocol's spelling, as today's bindings type them
// (a seed-era value is one of them too).

// Mirrors codex-rs/app-server-protocol/schema/typescript/ReasoningSummary.ts.
export const reasoningSummarySchema = lazySchema((z) => z.enum(['auto', 'concise', 'detailed', 'none']));
export type ReasoningSummary = z.infer<typeof reasoningSummarySchema>;

// The service tier as today's bindings type it (0.169.0: `serviceTier: string | null` in
// codex-rs/app-server-protocol/schema/typescript/v2/ThreadStartResponse.ts and TurnStartParams.ts; the seed's
// ServiceTier.ts had only `fast` and `flex`): any string.
export const serviceTierSchema = lazySchema((z) => z.string());
export type ServiceTier = z.infer<typeof serviceTierSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/ReasoningEffort.ts of 0.169.0 (`string`; the seed's had six
// values, still `reasoningEffortSchema` in @codex-analytics/events).
export const protocolReasoningEffortSchema = lazySchema((z) => z.string());
export type ProtocolReasoningEffort = z.infer<typeof protocolReasoningEffortSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/ApprovalsReviewer.ts of 0.169.0 (`auto_review` added; the
// seed's values are still `approvalsReviewerSchema` in @codex-analytics/events).
export const protocolApprovalsReviewerSchema = lazySchema((z) => z.enum(['user', 'auto_review', 'guardian_subagent']));
export type ProtocolApprovalsReviewer = z.infer<typeof protocolApprovalsReviewerSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/Personality.ts.
export const personalitySchema = lazySchema((z) => z.enum(['none', 'friendly', 'pragmatic']));
export type Personality = z.infer<typeof personalitySchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/ModeKind.ts (the collaboration mode).
export const modeKindSchema = lazySchema((z) => z.enum(['plan', 'default']));
export type ModeKind = z.infer<typeof modeKindSchema>;
