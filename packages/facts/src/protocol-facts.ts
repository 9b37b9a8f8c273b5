import { codexRuntimeMetadataSchema, rpcTransportSchema, unsignedIntegerSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { clientRequestSchema } from './client-request.js';
import { clientResponseSchema } from './client-response.js';
import { initializeParamsSchema } from './initialize-params.js';
import { analyticsJsonRpcErrorSchema, jsonRpcErrorErrorSchema } from './json-rpc-error.js';
import { requestIdSchema } from './request-id.js';
import { serverNotificationSchema } from './server-notification.js';
import { lazySchema } from '@codex-analytics/events';

// The facts an app server records as JSON-RPC traffic passes through it (upstream `AnalyticsFact` variants).

// The events package's `runtime` block is strict; a fact drops unknown fields instead, and stays valid for the wire.
const runtimeMetadataSchema = lazySchema((z) => z.object(codexRuntimeMetadataSchema.shape));

/** A client connected and sent `initialize`. `runtime` is the snake_case wire block, captured at the call site. */
export const initializeFactSchema = lazySchema((z) => z.object({
  type: z.literal('initialize'),
  connectionId: unsignedIntegerSchema,
  params: initializeParamsSchema,
  productClientId: z.string(),
  runtime: runtimeMetadataSchema,
  rpcTransport: rpcTransportSchema,
}));
export type InitializeFact = z.infer<typeof initializeFactSchema>;

/** A client sent a request. */
export const clientRequestFactSchema = lazySchema((z) => z.object({
  type: z.literal('client_request'),
  connectionId: unsignedIntegerSchema,
  requestId: requestIdSchema,
  request: clientRequestSchema,
}));
export type ClientRequestFact = z.infer<typeof clientRequestFactSchema>;

/** The server answered a request; the request id is inside `response`. */
export const clientResponseFactSchema = lazySchema((z) => z.object({
  type: z.literal('client_response'),
  connectionId: unsignedIntegerSchema,
  response: clientResponseSchema,
}));
export type ClientResponseFact = z.infer<typeof clientResponseFactSchema>;
/** A `client_response` fact as a caller builds it (the response's id as `id` or `requestId`). */
export type ClientResponseFactInput = z.input<typeof clientResponseFactSchema>;

/** The server answered a request with an error, classified by the caller when it could (`errorType`). */
export const errorResponseFactSchema = lazySchema((z) => z.object({
  type: z.literal('error_response'),
  connectionId: unsignedIntegerSchema,
  requestId: requestIdSchema,
  error: jsonRpcErrorErrorSchema,
  errorType: analyticsJsonRpcErrorSchema.nullable(),
}));
export type ErrorResponseFact = z.infer<typeof errorResponseFactSchema>;

/** The server sent a notification. */
export const notificationFactSchema = lazySchema((z) => z.object({
  type: z.literal('notification'),
  notification: serverNotificationSchema,
}));
export type NotificationFact = z.infer<typeof notificationFactSchema>;
