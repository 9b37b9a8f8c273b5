import { unsignedIntegerSchema } from '@codex-analytics/events';
import type { z } from 'zod';
import { subAgentSourceSchema } from './subagent-source.js';
import { lazySchema } from '@codex-analytics/events';

/** A sub-agent thread started in process, with no app-server connection (upstream `SubAgentThreadStartedInput`). */
export const subAgentThreadStartedInputSchema = lazySchema((z) => z.object({
  threadId: z.string(),
  /** The parent thread; when `null`, the reducer takes it from a `thread_spawn` source. */
  parentThreadId: z.string().nullable(),
  productClientId: z.string(),
  clientName: z.string(),
  clientVersion: z.string(),
  model: z.string(),
  ephemeral: z.boolean(),
  subagentSource: subAgentSourceSchema,
  /** Unix seconds. */
  createdAt: unsignedIntegerSchema,
}));
export type SubAgentThreadStartedInput = z.infer<typeof subAgentThreadStartedInputSchema>;
