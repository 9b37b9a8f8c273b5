import type { WireEvent } from '@codex-analytics/events';
import { safeParseFact } from '@codex-analytics/facts';
import type { AnalyticsFact } from '@codex-analytics/facts';
import type { FactReducer } from '../client-options.js';
import { FACT_SLICE_ITEMS, listAt, planSlices, shiftIndex, withValueAt } from './slice-fact.js';
import type { SlicePlan } from './slice-fact.js';

/** What became of one fact, as data. Events were handed to `onEvents` as they were produced. */
export type ReduceOutcome =
  | { kind: 'reduced' }
  | { kind: 'invalid'; factType: string | undefined; path: string; message: string }
  | { kind: 'error'; factType: string | undefined; message: string };

export interface ReduceFactContext {
  reducer: FactReducer;
  /** Receives each slice's events, serialized, with their UTF-8 sizes and as emitted, in emission order. */
  onEvents: (events: string[], sizes: number[], emitted: WireEvent[]) => void;
  /** Called once with the parsed fact (a sliced fact whole again) once it passed validation, before it is reduced. */
  onAccepted?: (fact: AnalyticsFact) => void;
  /** Lets the event loop run between slices of a large fact. */
  yieldToEventLoop: () => Promise<void>;
}

export { FACT_SLICE_ITEMS } from './slice-fact.js';

/** The outcome of every fact that reduced, shared (never mutated). */
const REDUCED: ReduceOutcome = Object.freeze({ kind: 'reduced' });

/**
 * Validates a queued fact with the facts schema (an invalid one is reported with its type and first failing path,
 * never its values), feeds the parsed fact to the reducer, and serializes each event it emits with its UTF-8 size.
 * Never rejects, and nothing the fact does when read (a getter or a revoked proxy that throws, a cycle) escapes:
 * an exception while reading or validating the fact is an `invalid` outcome, one while reducing or serializing an
 * `error` outcome. A fact with a list longer than a slice (any list its schema declares: `slice-fact.ts`) is
 * validated whole, slice by slice with a yield between slices, before any of it is reduced; a list fact (one event
 * per item) is then reduced slice by slice too; a reducer failure on a later slice leaves the earlier slices' events
 * emitted.
 */
export async function reduceFact(input: unknown, context: ReduceFactContext): Promise<ReduceOutcome> {
  let factType: string | undefined;
  let parsed: AnalyticsFact[];
  let whole: AnalyticsFact;
  try {
    factType = readFactType(input);
    // Most facts are one slice: validated without an await (no promise, no microtask per fact).
    const plan = planSlices(input, factType);
    if (plan === undefined) {
      const validated = validateWhole(input);
      if (!('fact' in validated)) return validated;
      whole = validated.fact;
      parsed = [whole];
    } else {
      const validated = await validateInSlices(plan, factType, context);
      if (!('fact' in validated)) return validated;
      whole = validated.fact;
      parsed = plan.reduceInSlices ? reductionSlices(whole, plan) : [whole];
    }
  } catch (error) {
    return { kind: 'invalid', factType, path: '(root)', message: `fact${label(factType)} could not be read (${errorName(error)})` };
  }
  factType = whole.type;
  try {
    if (context.onAccepted !== undefined) context.onAccepted(whole);
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

type Invalid = Extract<ReduceOutcome, { kind: 'invalid' }>;

/** A fact that is not sliced, parsed, or the `invalid` outcome. */
function validateWhole(input: unknown): { fact: AnalyticsFact } | Invalid {
  const result = safeParseFact(input);
  if (result.success) return { fact: result.fact };
  return { kind: 'invalid', factType: result.factType, path: result.issues[0]?.path ?? '(root)', message: result.message };
}

/**
 * A fact with long lists, parsed slice by slice with a yield between slices: first the fact with its long lists
 * emptied, then each list `FACT_SLICE_ITEMS` items at a time in that frame; the parsed items are joined back into
 * the parsed fact. Or the `invalid` outcome, its paths those of the whole fact.
 */
async function validateInSlices(plan: SlicePlan, factType: string | undefined, context: ReduceFactContext): Promise<{ fact: AnalyticsFact } | Invalid> {
  const frame = validateWhole(plan.skeleton);
  if (!('fact' in frame)) return frame;
  let whole: unknown = frame.fact;
  for (const list of plan.lists) {
    const items: unknown[] = [];
    for (let offset = 0; offset < list.items.length; offset += FACT_SLICE_ITEMS) {
      await context.yieldToEventLoop();
      const result = safeParseFact(withValueAt(plan.skeleton, list.path, list.items.slice(offset, offset + FACT_SLICE_ITEMS)));
      if (!result.success) {
        const issues = result.issues.map((issue) => ({ path: shiftIndex(issue.path, list.path, offset), message: issue.message }));
        const reasons = issues.map((issue) => `at \`${issue.path}\`: ${issue.message}`).join('; ');
        return { kind: 'invalid', factType, path: issues[0]?.path ?? '(root)', message: `fact${label(factType)} invalid ${reasons}` };
      }
      for (const item of listAt(result.fact, list.path) ?? []) items.push(item);
    }
    whole = withValueAt(whole, list.path, items);
  }
  return { fact: whole as AnalyticsFact };
}

/** The parsed list fact as the facts the reducer gets: one per `FACT_SLICE_ITEMS` items of its list. */
function reductionSlices(whole: AnalyticsFact, plan: SlicePlan): AnalyticsFact[] {
  const path = plan.lists[0]?.path ?? [];
  const items = listAt(whole, path) ?? [];
  const slices: AnalyticsFact[] = [];
  for (let offset = 0; offset < items.length; offset += FACT_SLICE_ITEMS) {
    slices.push(withValueAt(whole, path, items.slice(offset, offset + FACT_SLICE_ITEMS)) as AnalyticsFact);
  }
  return slices;
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
