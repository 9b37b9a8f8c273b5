import type { z } from 'zod';
import { userInputSchema } from './user-input.js';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TurnSteerParams.ts. `expectedTurnId` is a required string
// in the 2026-04 bindings and `string | null` and optional in later ones; all three spellings parse.
export const turnSteerParamsSchema = lazySchema((z) => z.looseObject({
  threadId: z.string(),
  input: z.array(userInputSchema),
  expectedTurnId: z.string().nullable().optional(),
}));
export type TurnSteerParams = z.infer<typeof turnSteerParamsSchema>;
