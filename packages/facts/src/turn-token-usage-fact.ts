import type { z } from 'zod';
import { tokenUsageSchema } from './token-usage.js';
import { lazySchema } from '@codex-analytics/events';

/** The tokens one turn used (upstream `TurnTokenUsageFact`). */
export const turnTokenUsageFactSchema = lazySchema((z) => z.object({
  turnId: z.string(),
  threadId: z.string(),
  tokenUsage: tokenUsageSchema,
}));
export type TurnTokenUsageFact = z.infer<typeof turnTokenUsageFactSchema>;
