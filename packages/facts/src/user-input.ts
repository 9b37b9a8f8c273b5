import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/UserInput.ts: items tagged by `type` (`text`, `image`,
// `localImage`, `skill`, `mention`). Only the tag is read (images are counted), so a newer item type still parses.
export const userInputSchema = lazySchema((z) => z.looseObject({
  type: z.string(),
}));
export type UserInput = z.infer<typeof userInputSchema>;
