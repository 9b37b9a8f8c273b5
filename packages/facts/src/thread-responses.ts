import type { z } from 'zod';
import { threadSchema } from './thread.js';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/ThreadStartResponse.ts (`thread` and `model` are read).
export const threadStartResponseSchema = lazySchema((z) => z.looseObject({
  thread: threadSchema,
  model: z.string(),
}));
export type ThreadStartResponse = z.infer<typeof threadStartResponseSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/ThreadResumeResponse.ts (`thread` and `model` are read).
export const threadResumeResponseSchema = lazySchema((z) => z.looseObject({
  thread: threadSchema,
  model: z.string(),
}));
export type ThreadResumeResponse = z.infer<typeof threadResumeResponseSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/ThreadForkResponse.ts (`thread` and `model` are read).
export const threadForkResponseSchema = lazySchema((z) => z.looseObject({
  thread: threadSchema,
  model: z.string(),
}));
export type ThreadForkResponse = z.infer<typeof threadForkResponseSchema>;
