import { z } from 'zod';

// Mirrors codex-rs/app-server-protocol/schema/typescript/v2/UserInput.ts: items tagged by `type` (`text`, `image`,
// `localImage`, `skill`, `mention`). Only the tag is read (images are counted), so a newer item type still parses.
export const userInputSchema = z.looseObject({
  type: z.string(),
});
export type UserInput = z.infer<typeof userInputSchema>;
