import { trackEventsRequestSchema } from '@codex-analytics/events';
import type { TrackEventRequest } from '@codex-analytics/events';

/** One reason a request body failed `trackEventsRequestSchema`. */
export interface EventValidationError {
  /** Index of the failing event in `events`, `null` for an error of the envelope itself. */
  index: number | null;
  /** The failing event's `event_type` when it is a string, else `null`. */
  event_type: string | null;
  /** Dotted path inside the event (`event_params.thread_id`), or inside the body for envelope errors. */
  path: string;
  code: string;
  message: string;
}

export type TrackEventsValidation =
  | { kind: 'ok'; events: TrackEventRequest[] }
  | { kind: 'invalid_json'; message: string }
  | { kind: 'invalid_events'; errors: EventValidationError[] };

export function validateTrackEvents(body: Buffer): TrackEventsValidation {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { kind: 'invalid_json', message: error instanceof Error ? error.message : 'not JSON' };
  }
  const parsed = trackEventsRequestSchema.safeParse(json);
  if (parsed.success) return { kind: 'ok', events: parsed.data.events };

  const rawEvents = isRecord(json) && Array.isArray(json.events) ? (json.events as unknown[]) : [];
  const errors: EventValidationError[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((segment) => (typeof segment === 'symbol' ? segment.toString() : segment));
    // Unknown keys come as one issue per object: list one error per key, each with its own path.
    const leaves = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path];
    for (const leaf of leaves) {
      const isEventPath = leaf[0] === 'events' && typeof leaf[1] === 'number';
      const index = isEventPath ? (leaf[1] as number) : null;
      const raw = index === null ? undefined : rawEvents[index];
      errors.push({
        index,
        event_type: isRecord(raw) && typeof raw.event_type === 'string' ? raw.event_type : null,
        path: (isEventPath ? leaf.slice(2) : leaf).join('.'),
        code: issue.code,
        message: issue.message,
      });
    }
  }
  return { kind: 'invalid_events', errors };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
