import type { z } from 'zod';
import { rpcTransportSchema } from './wire-enums.js';
import { lazySchema } from './lazy-schema.js';

/** The `app_server_client` block: who is connected to the app server, and how. */
export const codexAppServerClientMetadataSchema = lazySchema((z) => z.strictObject({
  product_client_id: z.string(),
  client_name: z.string().nullable(),
  client_version: z.string().nullable(),
  rpc_transport: rpcTransportSchema,
  experimental_api_enabled: z.boolean().nullable(),
}));
export type CodexAppServerClientMetadata = z.infer<typeof codexAppServerClientMetadataSchema>;
