import type { z } from 'zod';
import { subAgentSourceSchema } from './subagent-source.js';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/SessionSource.ts (camelCase; `appServer` is core's `Mcp`).
// Single-key variants are plain objects, so `'subAgent' in source` narrows (see subagent-source.ts).
export const sessionSourceSchema = lazySchema((z) => z.union([
  z.enum(['cli', 'vscode', 'exec', 'appServer', 'unknown']),
  z.object({ custom: z.string() }),
  z.object({ subAgent: subAgentSourceSchema }),
]));
export type SessionSource = z.infer<typeof sessionSourceSchema>;
