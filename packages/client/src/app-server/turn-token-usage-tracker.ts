import type { TokenUsage } from '@codex-analytics/facts';
import { propertyOf } from '../property-of.js';
import { BoundedMap } from '@codex-analytics/internal/bounded-map';

const ZERO: TokenUsage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0, totalTokens: 0 };
const KEYS = ['inputTokens', 'cachedInputTokens', 'outputTokens', 'reasoningOutputTokens', 'totalTokens'] as const;

/** A breakdown read from the traffic (`tokenUsage.total`), or undefined when any count is not a safe integer. */
function breakdownOf(value: unknown): TokenUsage | undefined {
  const usage = { ...ZERO };
  for (const key of KEYS) {
    const count = propertyOf(value, key);
    if (typeof count !== 'number' || !Number.isSafeInteger(count)) return undefined;
    usage[key] = count;
  }
  return usage;
}

function minus(total: TokenUsage, baseline: TokenUsage): TokenUsage {
  const usage = { ...ZERO };
  for (const key of KEYS) usage[key] = total[key] - baseline[key];
  return usage;
}

interface TurnUsage {
  threadId: string;
  /** The thread's running total when the turn started. */
  baseline: TokenUsage;
  /** The thread's running total at the turn's latest update, if any came. */
  latest: TokenUsage | undefined;
}

/**
 * A turn's token usage, derived from the app-server's `thread/tokenUsage/updated` notifications the way Codex core
 * reports it (checked against Codex 0.169.0 and 0.171.0): each update carries the thread's running total; a turn's
 * usage is the total at its last update minus the thread's total before it started (a fork starts from its parent's
 * total, which its first update reports). A turn that failed with no update used nothing: the real client reports
 * zeros there, and nothing for an interrupted one. Bounded: threads and turns are kept in capped maps.
 */
export class TurnTokenUsageTracker {
  readonly #threadTotals: BoundedMap<string, TokenUsage>;
  readonly #turns: BoundedMap<string, TurnUsage>;

  constructor(maxThreads: number, maxTurns: number) {
    this.#threadTotals = new BoundedMap(maxThreads);
    this.#turns = new BoundedMap(maxTurns);
  }

  /** `turn/started`: the turn's usage counts from the thread's total now. */
  turnStarted(threadId: string, turnId: string): void {
    this.#turns.set(turnId, { threadId, baseline: this.#threadTotals.get(threadId) ?? ZERO, latest: undefined });
  }

  /** `thread/tokenUsage/updated` params. */
  updated(params: unknown): void {
    const threadId = propertyOf(params, 'threadId');
    const total = breakdownOf(propertyOf(propertyOf(params, 'tokenUsage'), 'total'));
    if (typeof threadId !== 'string' || total === undefined) return;
    this.#threadTotals.set(threadId, total);
    const turnId = propertyOf(params, 'turnId');
    const turn = typeof turnId === 'string' ? this.#turns.get(turnId) : undefined;
    if (turn !== undefined && turn.threadId === threadId) turn.latest = total;
  }

  /** `turn/completed`: the turn's usage, or undefined when the traffic says nothing of it. Forgets the turn. */
  turnCompleted(turnId: string, status: unknown): TokenUsage | undefined {
    const turn = this.#turns.take(turnId);
    if (turn?.latest !== undefined) return minus(turn.latest, turn.baseline);
    return status === 'failed' ? { ...ZERO } : undefined;
  }

  get threads(): number {
    return this.#threadTotals.size;
  }

  get turns(): number {
    return this.#turns.size;
  }
}
