import { codexErrorInfoSchema, signedIntegerSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TurnStatus.ts. Named `ProtocolTurnStatus` because
// `@codex-analytics/events` exports the wire `TurnStatus` (no `inProgress`).
export const protocolTurnStatusSchema = lazySchema((z) => z.enum(['completed', 'interrupted', 'failed', 'inProgress']));
export type ProtocolTurnStatus = z.infer<typeof protocolTurnStatusSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TurnError.ts (only `codexErrorInfo` is read; it is
// v2/CodexErrorInfo.ts, emitted verbatim as the event's `turn_error`).
export const turnErrorSchema = lazySchema((z) => z.looseObject({
  codexErrorInfo: codexErrorInfoSchema.nullable(),
}));
export type TurnError = z.infer<typeof turnErrorSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/Turn.ts (`items` and later additions are kept as given).
export const turnSchema = lazySchema((z) => z.looseObject({
  id: z.string(),
  status: protocolTurnStatusSchema,
  error: turnErrorSchema.nullable(),
  /** Unix seconds. */
  startedAt: signedIntegerSchema.nullable(),
  /** Unix seconds. */
  completedAt: signedIntegerSchema.nullable(),
  durationMs: signedIntegerSchema.nullable(),
}));
export type Turn = z.infer<typeof turnSchema>;
