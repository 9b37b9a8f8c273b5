import { z } from 'zod';
import { turnSchema } from './turn.js';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TurnStartResponse.ts.
export const turnStartResponseSchema = z.looseObject({
  turn: turnSchema,
});
export type TurnStartResponse = z.infer<typeof turnStartResponseSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TurnSteerResponse.ts.
export const turnSteerResponseSchema = z.looseObject({
  turnId: z.string(),
});
export type TurnSteerResponse = z.infer<typeof turnSteerResponseSchema>;
