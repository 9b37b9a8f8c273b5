import type { z } from 'zod';
import { lazySchema } from '@codex-analytics/events';

// Custom facts (no protocol shape) are plain objects: unknown extra fields are dropped when parsed.

/** Which model, thread and turn a custom fact belongs to (upstream `TrackEventsContext`). */
export const trackEventsContextSchema = lazySchema((z) => z.object({
  modelSlug: z.string(),
  threadId: z.string(),
  turnId: z.string(),
}));
export type TrackEventsContext = z.infer<typeof trackEventsContextSchema>;

/** Builds the tracking context of a custom fact (upstream `build_track_events_context`). */
export function buildTrackEventsContext(modelSlug: string, threadId: string, turnId: string): TrackEventsContext {
  return { modelSlug, threadId, turnId };
}
