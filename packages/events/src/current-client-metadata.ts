import { lazySchema } from './lazy-schema.js';
import { rpcTransportSchema } from './wire-enums.js';

// The two metadata blocks most of today's events carry (see current-era-events.ts for the era's conventions).

export const currentAppServerClientMetadataSchema = lazySchema((z) => z.looseObject({
  product_client_id: z.string(),
  client_name: z.string().nullable(),
  client_version: z.string().nullable(),
  rpc_transport: rpcTransportSchema,
  experimental_api_enabled: z.boolean().nullable(),
}));

export const currentRuntimeMetadataSchema = lazySchema((z) => z.looseObject({
  codex_rs_version: z.string(),
  runtime_os: z.string(),
  runtime_os_version: z.string(),
  runtime_arch: z.string(),
}));
