import type { z } from 'zod';
import { turnSchema } from './turn.js';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TurnStartResponse.ts.
export const turnStartResponseSchema = lazySchema((z) => z.looseObject({
  turn: turnSchema,
}));
export type TurnStartResponse = z.infer<typeof turnStartResponseSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TurnSteerResponse.ts.
export const turnSteerResponseSchema = lazySchema((z) => z.looseObject({
  turnId: z.string(),
}));
export type TurnSteerResponse = z.infer<typeof turnSteerResponseSchema>;
