import { z } from 'zod';
import { tokenUsageSchema } from './token-usage.js';

/** The tokens one turn used (upstream `TurnTokenUsageFact`). */
export const turnTokenUsageFactSchema = z.object({
  turnId: z.string(),
  threadId: z.string(),
  tokenUsage: tokenUsageSchema,
});
export type TurnTokenUsageFact = z.infer<typeof turnTokenUsageFactSchema>;
