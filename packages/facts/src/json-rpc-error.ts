import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/JSONRPCErrorError.ts. Carried, never read by the reducer.
export const jsonRpcErrorErrorSchema = lazySchema((z) => z.looseObject({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
}));
export type JSONRPCErrorError = z.infer<typeof jsonRpcErrorErrorSchema>;

/**
 * The caller's classification of a JSON-RPC error (upstream `AnalyticsJsonRpcError`): why a `turn/steer` was
 * refused, or what was wrong with the input. It becomes the steer event's `rejection_reason`.
 */
export const analyticsJsonRpcErrorSchema = lazySchema((z) => z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('turn_steer'),
    error: z.enum(['no_active_turn', 'expected_turn_mismatch', 'non_steerable_review', 'non_steerable_compact']),
  }),
  z.object({
    kind: z.literal('input'),
    error: z.enum(['empty', 'too_large']),
  }),
]));
export type AnalyticsJsonRpcError = z.infer<typeof analyticsJsonRpcErrorSchema>;

/** Why a `turn/steer` request was refused (upstream `TurnSteerRequestError`). */
export type TurnSteerRequestError = Extract<AnalyticsJsonRpcError, { kind: 'turn_steer' }>['error'];

/** What was wrong with a request's input (upstream `InputError`). */
export type InputError = Extract<AnalyticsJsonRpcError, { kind: 'input' }>['error'];
