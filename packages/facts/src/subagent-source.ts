import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/SubAgentSource.ts: snake_case, as the bindings spell it.
// `agent_path` is optional because bindings before 2026-04 did not have it. The single-key variant wrappers are plain
// objects (a stray key beside the tag is dropped) so their types have no index signature and `'thread_spawn' in
// source` narrows; the `thread_spawn` payload itself keeps unknown fields (e.g. a later `parent_turn_id`).
export const subAgentSourceSchema = lazySchema((z) => z.union([
  z.enum(['review', 'compact', 'memory_consolidation']),
  z.object({
    thread_spawn: z.looseObject({
      parent_thread_id: z.string(),
      depth: z.number().int(),
      agent_path: z.string().nullable().optional(),
      agent_nickname: z.string().nullable(),
      agent_role: z.string().nullable(),
    }),
  }),
  z.object({ other: z.string() }),
]));
export type SubAgentSource = z.infer<typeof subAgentSourceSchema>;
