import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// The per-turn model settings a resolved config carries, in the protocol's spelling. `ReasoningEffort`
// (codex-rs/app-server-protocol/schema/typescript/ReasoningEffort.ts) and `ApprovalsReviewer`
// (codex-rs/app-server-protocol/schema/typescript/v2/ApprovalsReviewer.ts) have the same strings on the wire and are
// reused from `@codex-analytics/events` (`reasoningEffortSchema`, `approvalsReviewerSchema`).

// Mirrors codex-rs/app-server-protocol/schema/typescript/ReasoningSummary.ts.
export const reasoningSummarySchema = lazySchema((z) => z.enum(['auto', 'concise', 'detailed', 'none']));
export type ReasoningSummary = z.infer<typeof reasoningSummarySchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/ServiceTier.ts.
export const serviceTierSchema = lazySchema((z) => z.enum(['fast', 'flex']));
export type ServiceTier = z.infer<typeof serviceTierSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/Personality.ts.
export const personalitySchema = lazySchema((z) => z.enum(['none', 'friendly', 'pragmatic']));
export type Personality = z.infer<typeof personalitySchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/ModeKind.ts (the collaboration mode).
export const modeKindSchema = lazySchema((z) => z.enum(['plan', 'default']));
export type ModeKind = z.infer<typeof modeKindSchema>;
