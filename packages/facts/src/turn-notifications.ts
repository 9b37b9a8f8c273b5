import type { z } from 'zod';
import { turnSchema } from './turn.js';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TurnStartedNotification.ts (`threadId` is not read).
export const turnStartedNotificationSchema = lazySchema((z) => z.looseObject({
  turn: turnSchema,
}));
export type TurnStartedNotification = z.infer<typeof turnStartedNotificationSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/TurnCompletedNotification.ts (`threadId` is not read).
export const turnCompletedNotificationSchema = lazySchema((z) => z.looseObject({
  turn: turnSchema,
}));
export type TurnCompletedNotification = z.infer<typeof turnCompletedNotificationSchema>;
