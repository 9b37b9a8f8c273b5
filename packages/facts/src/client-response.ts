import type { z } from 'zod';
import { methodTaggedUnion, otherMethodSchema } from './method-tagged-union.js';
import { requestIdSchema } from './request-id.js';
import { threadForkResponseSchema, threadResumeResponseSchema, threadStartResponseSchema } from './thread-responses.js';
import { turnStartResponseSchema, turnSteerResponseSchema } from './turn-responses.js';
import { lazySchema } from '@codex-analytics/events';

// A response the app server sent, tagged by the request's `method`. Shape of the 2026-04 Rust `ClientResponse`
// (`request_id` + typed `response` per method), spelled camelCase; later bindings
// (codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts) call the id `id`.

// Mirrors the `thread/start` member of codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts.
export const threadStartClientResponseSchema = lazySchema((z) => z.looseObject({
  method: z.literal('thread/start'),
  requestId: requestIdSchema,
  response: threadStartResponseSchema,
}));
export type ThreadStartClientResponse = z.infer<typeof threadStartClientResponseSchema>;

// Mirrors the `thread/resume` member of codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts.
export const threadResumeClientResponseSchema = lazySchema((z) => z.looseObject({
  method: z.literal('thread/resume'),
  requestId: requestIdSchema,
  response: threadResumeResponseSchema,
}));
export type ThreadResumeClientResponse = z.infer<typeof threadResumeClientResponseSchema>;

// Mirrors the `thread/fork` member of codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts.
export const threadForkClientResponseSchema = lazySchema((z) => z.looseObject({
  method: z.literal('thread/fork'),
  requestId: requestIdSchema,
  response: threadForkResponseSchema,
}));
export type ThreadForkClientResponse = z.infer<typeof threadForkClientResponseSchema>;

/** A `thread/start`, `thread/resume` or `thread/fork` response: each one initializes a thread. */
export type ThreadClientResponse = ThreadStartClientResponse | ThreadResumeClientResponse | ThreadForkClientResponse;

// Mirrors the `turn/start` member of codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts.
export const turnStartClientResponseSchema = lazySchema((z) => z.looseObject({
  method: z.literal('turn/start'),
  requestId: requestIdSchema,
  response: turnStartResponseSchema,
}));
export type TurnStartClientResponse = z.infer<typeof turnStartClientResponseSchema>;

// Mirrors the `turn/steer` member of codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts.
export const turnSteerClientResponseSchema = lazySchema((z) => z.looseObject({
  method: z.literal('turn/steer'),
  requestId: requestIdSchema,
  response: turnSteerResponseSchema,
}));
export type TurnSteerClientResponse = z.infer<typeof turnSteerClientResponseSchema>;

const knownResponseSchemas = {
  'thread/start': threadStartClientResponseSchema,
  'thread/resume': threadResumeClientResponseSchema,
  'thread/fork': threadForkClientResponseSchema,
  'turn/start': turnStartClientResponseSchema,
  'turn/steer': turnSteerClientResponseSchema,
} as const;

/** Every other response: carried so the fact parses, ignored by the reducer. */
export const otherClientResponseSchema = lazySchema((z) => z.looseObject({
  method: otherMethodSchema(Object.keys(knownResponseSchemas)),
  requestId: requestIdSchema,
  response: z.unknown().optional(),
}));
export type OtherClientResponse = z.infer<typeof otherClientResponseSchema>;

export const clientResponseSchema = lazySchema(() => methodTaggedUnion(knownResponseSchemas, otherClientResponseSchema));
export type ClientResponse = z.infer<typeof clientResponseSchema>;
