import { signedIntegerSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TokenUsageBreakdown.ts (the `i64` counts of one turn).
export const tokenUsageSchema = lazySchema((z) => z.looseObject({
  inputTokens: signedIntegerSchema,
  cachedInputTokens: signedIntegerSchema,
  outputTokens: signedIntegerSchema,
  reasoningOutputTokens: signedIntegerSchema,
  totalTokens: signedIntegerSchema,
}));
export type TokenUsage = z.infer<typeof tokenUsageSchema>;
