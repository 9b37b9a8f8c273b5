import type { z } from 'zod';
import { lazySchema } from './lazy-schema.js';

/** The `runtime` block: the Codex version and the OS it runs on. */
export const codexRuntimeMetadataSchema = lazySchema((z) => z.strictObject({
  codex_rs_version: z.string(),
  runtime_os: z.string(),
  runtime_os_version: z.string(),
  runtime_arch: z.string(),
}));
export type CodexRuntimeMetadata = z.infer<typeof codexRuntimeMetadataSchema>;
