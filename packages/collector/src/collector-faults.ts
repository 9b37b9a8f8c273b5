import { z } from 'zod';

/**
 * Faults the collector injects into the requests a client sends, set by the `faults` option, `setFaults()`
 * or `POST /api/faults` (this object as JSON). Setting faults replaces the previous ones; `{}` clears them.
 * When several apply, one request gets only the first of: `dropConnection`, `rateLimit`, `failNext`. Each
 * consumes one of its `count` per request it hits and is cleared when the count reaches 0.
 */
export interface CollectorFaults {
  /** Answer the next `count` requests with `status` (400-599, default 500) and `body` (default a JSON error). */
  failNext?: { count: number; status?: number; body?: string } | null;
  /** Answer the next `count` (default 1) requests 429 with `Retry-After: <retryAfterSeconds>`. */
  rateLimit?: { count?: number; retryAfterSeconds: number } | null;
  /** Destroy the socket of the next `count` (default 1) requests without any response. */
  dropConnection?: { count?: number } | null;
  /** Wait this long before handling each request it hits, faulted or not. Default 0. */
  latencyMs?: number;
  /**
   * Which requests the faults hit: `events` (default) the events endpoint only, `backend` also the agent identity
   * endpoints. The read side (`/api/*`, the page) is never faulted.
   */
  target?: 'events' | 'backend';
}

const countSchema = z.number().int().min(0);

export const collectorFaultsSchema = z.strictObject({
  failNext: z
    .strictObject({ count: countSchema, status: z.number().int().min(400).max(599).optional(), body: z.string().optional() })
    .nullable()
    .optional(),
  rateLimit: z
    .strictObject({ count: countSchema.optional(), retryAfterSeconds: z.number().int().min(0) })
    .nullable()
    .optional(),
  dropConnection: z.strictObject({ count: countSchema.optional() }).nullable().optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  target: z.enum(['events', 'backend']).optional(),
});

/** What to do with one request. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'drop' }
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'fail'; status: number; body: string | undefined };

export interface FaultController {
  /** Replaces the faults; throws a `TypeError` naming the bad field when the object is not valid. */
  set(faults: unknown): void;
  /** The faults still pending (counts are what is left). */
  current(): CollectorFaults;
  /** Whether the faults hit a request to this kind of endpoint. */
  hits(endpoint: 'events' | 'agent'): boolean;
  latencyMs(): number;
  /** Consumes and returns the fault for the next hit request. */
  take(): FaultDecision;
}

interface FaultState {
  failNext: { count: number; status: number; body: string | undefined } | null;
  rateLimit: { count: number; retryAfterSeconds: number } | null;
  dropConnection: { count: number } | null;
  latencyMs: number;
  target: 'events' | 'backend';
}

export function createFaultController(initial: unknown = {}): FaultController {
  let state = toState(initial);
  return {
    set: (faults) => {
      state = toState(faults);
    },
    current: () => ({
      failNext: state.failNext === null ? null : { ...state.failNext },
      rateLimit: state.rateLimit === null ? null : { ...state.rateLimit },
      dropConnection: state.dropConnection === null ? null : { ...state.dropConnection },
      latencyMs: state.latencyMs,
      target: state.target,
    }),
    hits: (endpoint) => endpoint === 'events' || state.target === 'backend',
    latencyMs: () => state.latencyMs,
    take: () => {
      if (state.dropConnection !== null) {
        state.dropConnection = decrement(state.dropConnection);
        return { kind: 'drop' };
      }
      if (state.rateLimit !== null) {
        const { retryAfterSeconds } = state.rateLimit;
        state.rateLimit = decrement(state.rateLimit);
        return { kind: 'rate_limit', retryAfterSeconds };
      }
      if (state.failNext !== null) {
        const { status, body } = state.failNext;
        state.failNext = decrement(state.failNext);
        return { kind: 'fail', status, body };
      }
      return { kind: 'none' };
    },
  };
}

/** Parses a faults object (from an option or a JSON body) into the internal state. */
function toState(input: unknown): FaultState {
  const parsed = collectorFaultsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'faults' : `faults.${issue.path.join('.')}`;
    throw new TypeError(`invalid ${where}: ${issue?.message ?? 'not a faults object'}`);
  }
  const faults = parsed.data;
  const nonZero = <T extends { count: number }>(fault: T): T | null => (fault.count > 0 ? fault : null);
  return {
    failNext: faults.failNext ? nonZero({ count: faults.failNext.count, status: faults.failNext.status ?? 500, body: faults.failNext.body }) : null,
    rateLimit: faults.rateLimit
      ? nonZero({ count: faults.rateLimit.count ?? 1, retryAfterSeconds: faults.rateLimit.retryAfterSeconds })
      : null,
    dropConnection: faults.dropConnection ? nonZero({ count: faults.dropConnection.count ?? 1 }) : null,
    latencyMs: faults.latencyMs ?? 0,
    target: faults.target ?? 'events',
  };
}

function decrement<T extends { count: number }>(fault: T): T | null {
  return fault.count > 1 ? { ...fault, count: fault.count - 1 } : null;
}
