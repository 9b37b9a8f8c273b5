import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// Protocol objects are loose: fields the reducer reads are validated, every other field is kept as given.

// Mirrors codex-rs/app-server-protocol/schema/typescript/ClientInfo.ts (`title` is not read).
export const clientInfoSchema = lazySchema((z) => z.looseObject({
  name: z.string(),
  version: z.string(),
}));
export type ClientInfo = z.infer<typeof clientInfoSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/InitializeCapabilities.ts (`optOutNotificationMethods` is not read).
export const initializeCapabilitiesSchema = lazySchema((z) => z.looseObject({
  experimentalApi: z.boolean(),
}));
export type InitializeCapabilities = z.infer<typeof initializeCapabilitiesSchema>;

// Mirrors codex-rs/app-server-protocol/schema/typescript/InitializeParams.ts.
export const initializeParamsSchema = lazySchema((z) => z.looseObject({
  clientInfo: clientInfoSchema,
  capabilities: initializeCapabilitiesSchema.nullable(),
}));
export type InitializeParams = z.infer<typeof initializeParamsSchema>;
