import type { z } from 'zod';
import {
  currentAcceptedLineFingerprintsEventSchema,
  currentCollabAgentToolCallEventSchema,
  currentCommandExecutionEventSchema,
  currentDynamicToolCallEventSchema,
  currentFileChangeEventSchema,
  currentImageGenerationEventSchema,
  currentMcpToolCallEventSchema,
  currentWebSearchEventSchema,
} from './current-tool-item-events.js';
import { currentThreadInitializedEventSchema } from './current-thread-initialized-event.js';
import { currentTurnEventSchema } from './current-turn-event.js';
import { currentTurnSteerEventSchema } from './current-turn-steer-event.js';
import { currentCompactionEventSchema } from './current-compaction-event.js';
import { currentGuardianReviewEventSchema } from './current-guardian-review-event.js';
import { currentSkillInvocationEventSchema } from './current-skill-invocation-event.js';
import { currentAppMentionedEventSchema, currentAppUsedEventSchema } from './current-app-events.js';
import { currentHookRunEventSchema } from './current-hook-run-event.js';
import { currentPluginDisabledEventSchema, currentPluginEnabledEventSchema, currentPluginInstalledEventSchema, currentPluginUninstalledEventSchema, currentPluginUsedEventSchema } from './current-plugin-events.js';
import { lazySchema } from './lazy-schema.js';

// The wire format of today's Codex (the "current" era), beside the seed era's strict schemas: one file per event
// (current-*-event(s).ts), their union and the request body here.
// Learned from the requests Codex CLI 0.169.0 and 0.171.0 sent (tooling/conformance/recordings/) and from
// openai/codex codex-rs/analytics/src/events.rs (the revision with `codex_error_subreason`, before the
// `critical_path_*` keys). Differences from the seed era:
// - every object is loose: a key this era does not know is kept, and reported as drift by `findUnknownWireKeys`;
// - keys added since the seed are typed here, and optional (releases add and drop them);
// - seed keys upstream has since dropped are optional;
// - values upstream serializes from a Rust `String` (reasoning effort, service tier, approval policy, approvals
//   reviewer, personality, collaboration mode, sandbox policy, thread source, hook and skill names) are any string.

export { currentAppServerClientMetadataSchema, currentRuntimeMetadataSchema } from './current-client-metadata.js';
export { currentThreadInitializedEventSchema } from './current-thread-initialized-event.js';
export { currentTurnEventSchema } from './current-turn-event.js';
export { currentTurnSteerEventSchema } from './current-turn-steer-event.js';
export { currentCompactionEventSchema } from './current-compaction-event.js';
export { currentGuardianReviewEventSchema } from './current-guardian-review-event.js';
export { currentSkillInvocationEventSchema } from './current-skill-invocation-event.js';
export { currentAppMentionedEventSchema, currentAppUsedEventSchema } from './current-app-events.js';
export { currentHookRunEventSchema } from './current-hook-run-event.js';
export { currentPluginDisabledEventSchema, currentPluginEnabledEventSchema, currentPluginInstalledEventSchema, currentPluginUninstalledEventSchema, currentPluginUsedEventSchema } from './current-plugin-events.js';

/**
 * One event of today's wire format: a union discriminated by `event_type` over the 14 event types of the seed and the
 * 8 only today's Codex sends (`CURRENT_ONLY_EVENT_TYPES`), loose objects.
 */
export const currentTrackEventRequestSchema = lazySchema((z) => z.discriminatedUnion('event_type', [
  currentSkillInvocationEventSchema,
  currentThreadInitializedEventSchema,
  currentGuardianReviewEventSchema,
  currentAppMentionedEventSchema,
  currentAppUsedEventSchema,
  currentHookRunEventSchema,
  currentCompactionEventSchema,
  currentTurnEventSchema,
  currentTurnSteerEventSchema,
  currentPluginUsedEventSchema,
  currentPluginInstalledEventSchema,
  currentPluginUninstalledEventSchema,
  currentPluginEnabledEventSchema,
  currentPluginDisabledEventSchema,
  currentCommandExecutionEventSchema,
  currentFileChangeEventSchema,
  currentMcpToolCallEventSchema,
  currentDynamicToolCallEventSchema,
  currentCollabAgentToolCallEventSchema,
  currentWebSearchEventSchema,
  currentImageGenerationEventSchema,
  currentAcceptedLineFingerprintsEventSchema,
]));
export type CurrentTrackEventRequest = z.infer<typeof currentTrackEventRequestSchema>;

/** Today's request body: `{ "events": [...] }` (a key beside `events` is kept, and reported as drift). */
export const currentTrackEventsRequestSchema = lazySchema((z) => z.looseObject({
  events: z.array(currentTrackEventRequestSchema),
}));
export type CurrentTrackEventsRequest = z.infer<typeof currentTrackEventsRequestSchema>;
