import {
  currentTrackEventRequestSchema,
  findUnknownWireKeys,
  trackEventRequestSchema,
  trackEventsRequestSchema,
} from '@codex-analytics/events';
import type { z } from 'zod';
import { compiledEventParser } from './compiled-event-parser.js';
import type { EventDrift } from './event-drift.js';
import { parseJsonSliced } from './parse-json-sliced.js';
import { KNOWN_EVENT_TYPES } from './stored-event.js';
import type { UnknownTypeEvent, WireEvent } from './stored-event.js';

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
  | {
      kind: 'ok';
      /** The events to store, in body order. */
      events: WireEvent[];
      /** Events (or the envelope) accepted with keys the current era does not know, or of an unknown event type. */
      drift: EventDrift[];
      /** Accepted events that are current-era, not seed-era. */
      currentEraEvents: number;
    }
  | { kind: 'invalid_json'; message: string }
  | {
      kind: 'invalid_events';
      /** The first `maxListedErrors` errors, in body order. */
      errors: EventValidationError[];
      /** Every error, listed or not. */
      errorCount: number;
      /** Events with at least one error. */
      failingEvents: number;
    };

export interface ValidateOptions {
  /** How many errors are listed; the rest are only counted. Default: `defaultMaxListedErrors`. */
  maxListedErrors?: number;
  /** Longest stretch of validation between two yields to the event loop, in ms. Default: 4. */
  sliceMs?: number;
  /** Longest stretch of the body parsed between two yields, in bytes (see `parseJsonSliced`). Default: 64 KiB. */
  sliceBytes?: number;
  /** Gives the event loop back between slices. Default: `setImmediate`. */
  yieldToEventLoop?: () => Promise<void>;
  /**
   * `true`: only the seed era's strict schemas (an unknown key is an error). `false` (default): an event that is not
   * seed-era is checked against today's wire format (the current era): its known keys are validated, unknown keys
   * and unknown event types are accepted and reported as drift (an event of an unknown type is stored as it came).
   */
  strict?: boolean;
}

/** Each event is parsed at compiled speed; a rejection is zod's own (`compiled-event-parser.ts`). */
const parseSeedEvent = compiledEventParser<z.output<typeof trackEventRequestSchema>>(trackEventRequestSchema);
const parseCurrentEvent = compiledEventParser<z.output<typeof currentTrackEventRequestSchema>>(currentTrackEventRequestSchema);

/** The errors a 400 lists by default. */
export const defaultMaxListedErrors = 100;

/**
 * Parses and validates a request body against `trackEventsRequestSchema`. A large body is parsed member by member
 * (`parseJsonSliced`, never whole) and its events are checked one by one, giving the event loop back every
 * `sliceBytes` of parsing and every `sliceMs` of checking, so a large body never blocks other requests for long;
 * errors past `maxListedErrors` are counted, not listed.
 */
export async function validateTrackEvents(body: Buffer, options: ValidateOptions = {}): Promise<TrackEventsValidation> {
  const { maxListedErrors = defaultMaxListedErrors, sliceMs = 4, sliceBytes, strict = false, yieldToEventLoop = yieldImmediate } = options;
  const parsedBody = await parseJsonSliced(body, { sliceBytes, yieldToEventLoop });
  if (!parsedBody.ok) return { kind: 'invalid_json', message: parsedBody.message };
  const json = parsedBody.value;

  const errors: EventValidationError[] = [];
  let errorCount = 0;
  const failing = new Set<number>();
  const record = (error: EventValidationError) => {
    errorCount += 1;
    if (error.index !== null) failing.add(error.index);
    if (errors.length < maxListedErrors) errors.push(error);
  };

  if (!isRecord(json) || !Array.isArray(json.events)) {
    // No events array: the envelope's own errors are all there is.
    const parsed = trackEventsRequestSchema.safeParse(json);
    if (parsed.success) return { kind: 'ok', events: parsed.data.events, drift: [], currentEraEvents: 0 };
    for (const issue of parsed.error.issues) for (const error of toErrors(issue, [], null, null)) record(error);
    return { kind: 'invalid_events', errors, errorCount, failingEvents: failing.size };
  }

  const drift: EventDrift[] = [];
  let currentEraEvents = 0;
  const extraEnvelopeKeys = Object.keys(json).filter((key) => key !== 'events');
  if (!strict && extraEnvelopeKeys.length > 0) drift.push({ index: null, event_type: null, unknownKeys: extraEnvelopeKeys, stored: true });
  else {
    const envelope = trackEventsRequestSchema.safeParse({ ...json, events: [] });
    if (!envelope.success) for (const issue of envelope.error.issues) for (const error of toErrors(issue, [], null, null)) record(error);
  }

  const rawEvents = json.events as unknown[];
  const events: WireEvent[] = [];
  let sliceStart = performance.now();
  for (let index = 0; index < rawEvents.length; index += 1) {
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
    const raw = rawEvents[index];
    const parsed = parseSeedEvent(raw);
    if (parsed.success) {
      events.push(parsed.data);
      continue;
    }
    const eventType = isRecord(raw) && typeof raw.event_type === 'string' ? raw.event_type : null;
    if (strict) {
      for (const issue of parsed.error.issues) for (const error of toErrors(issue, ['events', index], index, eventType)) record(error);
      continue;
    }
    if (eventType !== null && isRecord(raw) && !KNOWN_EVENT_TYPES.has(eventType)) {
      // An event type no era knows: a backend would accept it, so it is stored as it came, and reported as drift.
      events.push(raw as UnknownTypeEvent);
      drift.push({ index, event_type: eventType, unknownKeys: ['event_type'], stored: true });
      continue;
    }
    const current = parseCurrentEvent(raw);
    if (!current.success) {
      for (const issue of current.error.issues) for (const error of toErrors(issue, ['events', index], index, eventType)) record(error);
      continue;
    }
    events.push(current.data);
    currentEraEvents += 1;
    const unknownKeys = findUnknownWireKeys(raw, 'current');
    if (unknownKeys.length > 0) drift.push({ index, event_type: eventType, unknownKeys, stored: true });
  }
  if (errorCount > 0) return { kind: 'invalid_events', errors, errorCount, failingEvents: failing.size };
  return { kind: 'ok', events, drift, currentEraEvents };
}

/** One error per failing leaf: unknown keys come as one issue per object, listed here one per key, each with its own path. */
function toErrors(issue: z.core.$ZodIssue, prefix: PropertyKey[], index: number | null, eventType: string | null): EventValidationError[] {
  const path = [...prefix, ...issue.path].map((segment) => (typeof segment === 'symbol' ? segment.toString() : segment));
  const leaves = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path];
  return leaves.map((leaf) => ({
    index,
    event_type: eventType,
    path: (index === null ? leaf : leaf.slice(2)).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

const yieldImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
