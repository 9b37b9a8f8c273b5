import type { z } from 'zod';
import { userInputSchema } from './user-input.js';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TurnStartParams.ts (the per-turn overrides are not read).
export const turnStartParamsSchema = lazySchema((z) => z.looseObject({
  threadId: z.string(),
  input: z.array(userInputSchema),
}));
export type TurnStartParams = z.infer<typeof turnStartParamsSchema>;
