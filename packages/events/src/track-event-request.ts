import type { z } from 'zod';
import { codexAppMentionedEventSchema, codexAppUsedEventSchema } from './app-events.js';
import { codexCompactionEventSchema } from './compaction-event.js';
import { codexGuardianReviewEventSchema } from './guardian-review-event.js';
import { codexHookRunEventSchema } from './hook-run-event.js';
import {
  codexPluginDisabledEventSchema,
  codexPluginEnabledEventSchema,
  codexPluginInstalledEventSchema,
  codexPluginUninstalledEventSchema,
  codexPluginUsedEventSchema,
} from './plugin-events.js';
import { skillInvocationEventSchema } from './skill-invocation-event.js';
import { codexThreadInitializedEventSchema } from './thread-initialized-event.js';
import { codexTurnEventSchema } from './turn-event.js';
import { codexTurnSteerEventSchema } from './turn-steer-event.js';
import { lazySchema } from './lazy-schema.js';

/** One event on the wire: a union discriminated by `event_type` over the 14 event schemas. */
export const trackEventRequestSchema = lazySchema((z) => z.discriminatedUnion('event_type', [
  skillInvocationEventSchema,
  codexThreadInitializedEventSchema,
  codexGuardianReviewEventSchema,
  codexAppMentionedEventSchema,
  codexAppUsedEventSchema,
  codexHookRunEventSchema,
  codexCompactionEventSchema,
  codexTurnEventSchema,
  codexTurnSteerEventSchema,
  codexPluginUsedEventSchema,
  codexPluginInstalledEventSchema,
  codexPluginUninstalledEventSchema,
  codexPluginEnabledEventSchema,
  codexPluginDisabledEventSchema,
]));
export type TrackEventRequest = z.infer<typeof trackEventRequestSchema>;

/** The request body: `{ "events": [...] }` and nothing else. */
export const trackEventsRequestSchema = lazySchema((z) => z.strictObject({
  events: z.array(trackEventRequestSchema),
}));
export type TrackEventsRequest = z.infer<typeof trackEventsRequestSchema>;
