import type { z } from 'zod';
import { methodTaggedUnion, otherMethodSchema } from './method-tagged-union.js';
import { requestIdSchema } from './request-id.js';
import { turnStartParamsSchema } from './turn-start-params.js';
import { turnSteerParamsSchema } from './turn-steer-params.js';
import { lazySchema } from '@codex-analytics/events';

// Mirrors the `turn/start` member of codex-rs/app-server-protocol/schema/typescript/ClientRequest.ts.
export const turnStartClientRequestSchema = lazySchema((z) => z.looseObject({
  method: z.literal('turn/start'),
  id: requestIdSchema,
  params: turnStartParamsSchema,
}));
export type TurnStartClientRequest = z.infer<typeof turnStartClientRequestSchema>;

// Mirrors the `turn/steer` member of codex-rs/app-server-protocol/schema/typescript/ClientRequest.ts.
export const turnSteerClientRequestSchema = lazySchema((z) => z.looseObject({
  method: z.literal('turn/steer'),
  id: requestIdSchema,
  params: turnSteerParamsSchema,
}));
export type TurnSteerClientRequest = z.infer<typeof turnSteerClientRequestSchema>;

/** Every other client request: carried so the fact parses, ignored by the reducer. */
export const otherClientRequestSchema = lazySchema((z) => z.looseObject({
  method: otherMethodSchema(['turn/start', 'turn/steer']),
  id: requestIdSchema,
  params: z.unknown().optional(),
}));
export type OtherClientRequest = z.infer<typeof otherClientRequestSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/ClientRequest.ts: `{ method, id, params }` tagged by `method`.
export const clientRequestSchema = lazySchema(() => methodTaggedUnion(
  { 'turn/start': turnStartClientRequestSchema, 'turn/steer': turnSteerClientRequestSchema },
  otherClientRequestSchema,
));
export type ClientRequest = z.infer<typeof clientRequestSchema>;
