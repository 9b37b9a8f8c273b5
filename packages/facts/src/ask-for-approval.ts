import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/AskForApproval.ts: kebab-case unit variants, and
// `{ granular: {...} }` whose flags are kept as given (the event reports it as `granular`). The single-key wrapper is a
// plain object so `'granular' in policy` narrows.
export const askForApprovalSchema = lazySchema((z) => z.union([
  z.enum(['untrusted', 'on-failure', 'on-request', 'never']),
  z.object({ granular: z.looseObject({}) }),
]));
export type AskForApproval = z.infer<typeof askForApprovalSchema>;
