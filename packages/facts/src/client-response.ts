import type { z } from 'zod';
import { methodTaggedUnion, otherMethodSchema } from './method-tagged-union.js';
import { requestIdSchema } from './request-id.js';
import { threadForkResponseSchema, threadResumeResponseSchema, threadStartResponseSchema } from './thread-responses.js';
import { turnStartResponseSchema, turnSteerResponseSchema } from './turn-responses.js';
import { lazySchema } from '@codex-analytics/events';

// A response the app server sent, tagged by the request's `method`. Shape of the 2026-04 Rust `ClientResponse`
// (`request_id` + typed `response` per method), spelled camelCase; later bindings
// (codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts) and the JSON-RPC response itself call the id
// `id`. Either is accepted; the parsed fact always has `requestId` (and keeps `id` when it was given).

const missingIdMessage = 'a response carries the id of its request: `id` (as in the protocol) or `requestId`';

/** A response branch: `{ method, requestId | id, response }`, parsed to always carry `requestId`. */
function responseBranch<const Method extends string, Response extends z.ZodType>(method: Method, response: Response) {
  return lazySchema((z) =>
    z
      .looseObject({ method: z.literal(method), requestId: requestIdSchema.optional(), id: requestIdSchema.optional(), response })
      .refine((value) => value.requestId !== undefined || value.id !== undefined, { message: missingIdMessage, path: ['id'] })
      .transform((value) => ({ ...value, requestId: (value.requestId ?? value.id)! })),
  );
}

// Mirrors the `thread/start` member of codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts.
export const threadStartClientResponseSchema = responseBranch('thread/start', threadStartResponseSchema);
export type ThreadStartClientResponse = z.infer<typeof threadStartClientResponseSchema>;

// Mirrors the `thread/resume` member of codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts.
export const threadResumeClientResponseSchema = responseBranch('thread/resume', threadResumeResponseSchema);
export type ThreadResumeClientResponse = z.infer<typeof threadResumeClientResponseSchema>;

// Mirrors the `thread/fork` member of codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts.
export const threadForkClientResponseSchema = responseBranch('thread/fork', threadForkResponseSchema);
export type ThreadForkClientResponse = z.infer<typeof threadForkClientResponseSchema>;

/** A `thread/start`, `thread/resume` or `thread/fork` response: each one initializes a thread. */
export type ThreadClientResponse = ThreadStartClientResponse | ThreadResumeClientResponse | ThreadForkClientResponse;

// Mirrors the `turn/start` member of codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts.
export const turnStartClientResponseSchema = responseBranch('turn/start', turnStartResponseSchema);
export type TurnStartClientResponse = z.infer<typeof turnStartClientResponseSchema>;

// Mirrors the `turn/steer` member of codex-rs/app-server-protocol/schema/typescript/ClientResponse.ts.
export const turnSteerClientResponseSchema = responseBranch('turn/steer', turnSteerResponseSchema);
export type TurnSteerClientResponse = z.infer<typeof turnSteerClientResponseSchema>;

const knownResponseSchemas = {
  'thread/start': threadStartClientResponseSchema,
  'thread/resume': threadResumeClientResponseSchema,
  'thread/fork': threadForkClientResponseSchema,
  'turn/start': turnStartClientResponseSchema,
  'turn/steer': turnSteerClientResponseSchema,
} as const;

/** Every other response: carried so the fact parses, ignored by the reducer. */
export const otherClientResponseSchema = lazySchema((z) =>
  z
    .looseObject({
      method: otherMethodSchema(Object.keys(knownResponseSchemas)),
      requestId: requestIdSchema.optional(),
      id: requestIdSchema.optional(),
      response: z.unknown().optional(),
    })
    .refine((value) => value.requestId !== undefined || value.id !== undefined, { message: missingIdMessage, path: ['id'] })
    .transform((value) => ({ ...value, requestId: (value.requestId ?? value.id)! })),
);
export type OtherClientResponse = z.infer<typeof otherClientResponseSchema>;

export const clientResponseSchema = lazySchema(() => methodTaggedUnion(knownResponseSchemas, otherClientResponseSchema));
export type ClientResponse = z.infer<typeof clientResponseSchema>;
/** What a caller passes: a response with `id` (as the protocol has it) or `requestId`. */
export type ClientResponseInput = z.input<typeof clientResponseSchema>;
