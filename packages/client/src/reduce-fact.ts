import type { TrackEventRequest } from '@codex-analytics/events';
import { safeParseFact } from '@codex-analytics/facts';
import type { AnalyticsFact } from '@codex-analytics/facts';
import type { FactReducer } from './client-options.js';

/** One fact through validation, the reducer and serialization, as data. */
export type ReduceOutcome =
  | { kind: 'events'; events: string[]; sizes: number[]; emitted?: TrackEventRequest[] }
  | { kind: 'invalid'; factType: string | undefined; path: string; message: string }
  | { kind: 'error'; factType: string | undefined; message: string };

const noEvents: ReduceOutcome = { kind: 'events', events: [], sizes: [] };

/**
 * Validates a queued fact with the facts schema (an invalid one is reported with its type and first failing path,
 * never its values), feeds the parsed fact to the reducer, and serializes each event it emits with its UTF-8 size.
 * Never rejects: a reducer that throws, or an event that cannot be serialized, is an `error` outcome.
 */
export async function reduceFact(
  input: unknown,
  reducer: FactReducer,
  onAccepted?: (fact: AnalyticsFact) => void,
): Promise<ReduceOutcome> {
  const parsed = safeParseFact(input);
  if (!parsed.success) {
    const path = parsed.issues[0]?.path ?? '(root)';
    return { kind: 'invalid', factType: parsed.factType, path, message: parsed.message };
  }
  const factType = parsed.fact.type;
  onAccepted?.(parsed.fact);
  try {
    const emitted = await reducer.ingest(parsed.fact);
    if (emitted.length === 0) return noEvents;
    const events: string[] = [];
    const sizes: number[] = [];
    for (const event of emitted) {
      const text = JSON.stringify(event) as string | undefined;
      if (typeof text !== 'string') throw new TypeError('an event serialized to nothing');
      events.push(text);
      sizes.push(Buffer.byteLength(text, 'utf8'));
    }
    return { kind: 'events', events, sizes, emitted };
  } catch (error) {
    const cause = error instanceof Error ? error.name : typeof error;
    return { kind: 'error', factType, message: `the reducer failed on fact \`${factType}\` (${cause})` };
  }
}
