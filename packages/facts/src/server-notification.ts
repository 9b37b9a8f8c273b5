import type { z } from 'zod';
import { methodTaggedUnion, otherMethodSchema } from './method-tagged-union.js';
import { turnCompletedNotificationSchema, turnStartedNotificationSchema } from './turn-notifications.js';
import { lazySchema } from '@codex-analytics/events';

// Mirrors the `turn/started` member of codex-rs/app-server-protocol/schema/typescript/ServerNotification.ts.
export const turnStartedServerNotificationSchema = lazySchema((z) => z.looseObject({
  method: z.literal('turn/started'),
  params: turnStartedNotificationSchema,
}));
export type TurnStartedServerNotification = z.infer<typeof turnStartedServerNotificationSchema>;

// Mirrors the `turn/completed` member of codex-rs/app-server-protocol/schema/typescript/ServerNotification.ts.
export const turnCompletedServerNotificationSchema = lazySchema((z) => z.looseObject({
  method: z.literal('turn/completed'),
  params: turnCompletedNotificationSchema,
}));
export type TurnCompletedServerNotification = z.infer<typeof turnCompletedServerNotificationSchema>;

/** Every other notification: carried so the fact parses, ignored by the reducer. */
export const otherServerNotificationSchema = lazySchema((z) => z.looseObject({
  method: otherMethodSchema(['turn/started', 'turn/completed']),
  params: z.unknown().optional(),
}));
export type OtherServerNotification = z.infer<typeof otherServerNotificationSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/ServerNotification.ts: `{ method, params }` tagged by `method`.
export const serverNotificationSchema = lazySchema(() => methodTaggedUnion(
  { 'turn/started': turnStartedServerNotificationSchema, 'turn/completed': turnCompletedServerNotificationSchema },
  otherServerNotificationSchema,
));
export type ServerNotification = z.infer<typeof serverNotificationSchema>;
