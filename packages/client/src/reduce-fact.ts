import type { TrackEventRequest } from '@codex-analytics/events';
import { safeParseFact } from '@codex-analytics/facts';
import type { AnalyticsFact } from '@codex-analytics/facts';
import type { FactReducer } from './client-options.js';

/** What became of one fact, as data. Events were handed to `onEvents` as they were produced. */
export type ReduceOutcome =
  | { kind: 'reduced' }
  | { kind: 'invalid'; factType: string | undefined; path: string; message: string }
  | { kind: 'error'; factType: string | undefined; message: string };

export interface ReduceFactContext {
  reducer: FactReducer;
  /** Receives each slice's events, serialized, with their UTF-8 sizes and as emitted, in emission order. */
  onEvents: (events: string[], sizes: number[], emitted: TrackEventRequest[]) => void;
  /** Called once with the parsed fact (a sliced fact whole again) once it passed validation, before it is reduced. */
  onAccepted?: (fact: AnalyticsFact) => void;
  /** Lets the event loop run between slices of a large fact. */
  yieldToEventLoop: () => Promise<void>;
}

/**
 * Items of a list fact validated and reduced in one go. The facts whose events are one per list item
 * (`app_mentioned`, `skill_invoked`; see `codex-rs/analytics/src/reducer.rs`) are cut in slices of this many items,
 * so a fact of 200,000 mentions never blocks the event loop for more than a slice.
 */
export const FACT_SLICE_ITEMS = 256;

/** The outcome of every fact that reduced, shared (never mutated). */
const REDUCED: ReduceOutcome = Object.freeze({ kind: 'reduced' });

const LIST_FIELDS: Readonly<Record<string, 'mentions' | 'invocations'>> = {
  app_mentioned: 'mentions',
  skill_invoked: 'invocations',
};

/**
 * Validates a queued fact with the facts schema (an invalid one is reported with its type and first failing path,
 * never its values), feeds the parsed fact to the reducer, and serializes each event it emits with its UTF-8 size.
 * Never rejects, and nothing the fact does when read (a getter or a revoked proxy that throws, a cycle) escapes:
 * an exception while reading or validating the fact is an `invalid` outcome, one while reducing or serializing an
 * `error` outcome. A list fact is validated whole (in slices) before any of it is reduced, then reduced slice by
 * slice with a yield between slices; a reducer failure on a later slice leaves the earlier slices' events emitted.
 */
export async function reduceFact(input: unknown, context: ReduceFactContext): Promise<ReduceOutcome> {
  let factType: string | undefined;
  let parsed: AnalyticsFact[];
  try {
    factType = readFactType(input);
    // Most facts are one slice: validated without an await (no promise, no microtask per fact).
    const slices = sliceFact(input, factType);
    const validated = slices === undefined ? validateWhole(input) : await validateInSlices(input, slices, factType, context);
    if (!Array.isArray(validated)) return validated;
    parsed = validated;
  } catch (error) {
    return { kind: 'invalid', factType, path: '(root)', message: `fact${label(factType)} could not be read (${errorName(error)})` };
  }
  factType = parsed[0]?.type ?? factType;
  try {
    if (context.onAccepted !== undefined) context.onAccepted(wholeFact(parsed));
    for (let index = 0; index < parsed.length; index += 1) {
      if (index > 0) await context.yieldToEventLoop();
      const fact = parsed[index];
      if (fact === undefined) continue;
      const emitted = await context.reducer.ingest(fact);
      if (emitted.length === 0) continue;
      const events: string[] = [];
      const sizes: number[] = [];
      for (const event of emitted) {
        const text = JSON.stringify(event) as string | undefined;
        if (typeof text !== 'string') throw new TypeError('an event serialized to nothing');
        events.push(text);
        sizes.push(Buffer.byteLength(text, 'utf8'));
      }
      context.onEvents(events, sizes, emitted);
    }
    return REDUCED;
  } catch (error) {
    return { kind: 'error', factType, message: `the reducer failed on fact${label(factType)} (${errorName(error)})` };
  }
}

/** The parsed fact, its slices joined back into one when it was sliced. */
function wholeFact(parsed: AnalyticsFact[]): AnalyticsFact {
  const first = parsed[0] as AnalyticsFact;
  if (parsed.length === 1) return first;
  if (first.type === 'app_mentioned') {
    return { ...first, mentions: parsed.flatMap((slice) => (slice.type === 'app_mentioned' ? slice.mentions : [])) };
  }
  if (first.type === 'skill_invoked') {
    return { ...first, invocations: parsed.flatMap((slice) => (slice.type === 'skill_invoked' ? slice.invocations : [])) };
  }
  return first;
}

/** A fact that is not sliced, parsed (as a list of one), or the `invalid` outcome. */
function validateWhole(input: unknown): AnalyticsFact[] | Extract<ReduceOutcome, { kind: 'invalid' }> {
  const result = safeParseFact(input);
  if (result.success) return [result.fact];
  return { kind: 'invalid', factType: result.factType, path: result.issues[0]?.path ?? '(root)', message: result.message };
}

/** The parsed slices of a list fact longer than a slice, or the `invalid` outcome (its paths those of the whole fact). */
async function validateInSlices(
  input: unknown,
  slices: FactSlice[],
  factType: string | undefined,
  context: ReduceFactContext,
): Promise<AnalyticsFact[] | Extract<ReduceOutcome, { kind: 'invalid' }>> {
  const parsed: AnalyticsFact[] = [];
  for (let index = 0; index < slices.length; index += 1) {
    if (index > 0) await context.yieldToEventLoop();
    const { fact, field, offset } = slices[index] ?? { fact: input, offset: 0 };
    const result = safeParseFact(fact);
    if (!result.success) {
      if (field === undefined || offset === 0) {
        return { kind: 'invalid', factType: result.factType, path: result.issues[0]?.path ?? '(root)', message: result.message };
      }
      const issues = result.issues.map((issue) => ({ path: shiftIndex(issue.path, field, offset), message: issue.message }));
      const reasons = issues.map((issue) => `at \`${issue.path}\`: ${issue.message}`).join('; ');
      return { kind: 'invalid', factType, path: issues[0]?.path ?? '(root)', message: `fact${label(factType)} invalid ${reasons}` };
    }
    parsed.push(result.fact);
  }
  return parsed;
}

interface FactSlice {
  fact: unknown;
  field?: 'mentions' | 'invocations';
  offset: number;
}

/** A list fact longer than a slice, as facts of `FACT_SLICE_ITEMS` items each; `undefined` for any other fact. */
function sliceFact(input: unknown, factType: string | undefined): FactSlice[] | undefined {
  const field = factType === undefined ? undefined : LIST_FIELDS[factType];
  if (field === undefined) return undefined;
  const record = input as Record<string, unknown>;
  const list = record[field];
  if (!Array.isArray(list) || list.length <= FACT_SLICE_ITEMS) return undefined;
  const tracking = record.tracking;
  const slices: FactSlice[] = [];
  for (let offset = 0; offset < list.length; offset += FACT_SLICE_ITEMS) {
    slices.push({ fact: { type: factType, tracking, [field]: list.slice(offset, offset + FACT_SLICE_ITEMS) }, field, offset });
  }
  return slices;
}

/** `mentions[3].appName` of a slice starting at 512 is `mentions[515].appName` of the fact. */
function shiftIndex(path: string, field: string, offset: number): string {
  const prefix = `${field}[`;
  if (!path.startsWith(prefix)) return path;
  const end = path.indexOf(']', prefix.length);
  const index = Number(path.slice(prefix.length, end));
  if (end < 0 || !Number.isInteger(index)) return path;
  return `${prefix}${index + offset}${path.slice(end)}`;
}

function readFactType(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const type: unknown = (input as { type?: unknown }).type;
  return typeof type === 'string' && type.length <= 64 ? type : undefined;
}

function label(factType: string | undefined): string {
  return factType === undefined ? '' : ` \`${factType}\``;
}

function errorName(error: unknown): string {
  if (error instanceof Error) return error.name;
  return typeof error;
}
