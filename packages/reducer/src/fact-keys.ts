import type { RequestId, Turn, UserInput } from '@codex-analytics/facts';
import { toUnsigned } from './wire-time.js';
import type { TurnCompletion } from './reducer-state.js';

// What the reducer reads off a fact to file it: the key of a pending request, a turn's images, a turn's completion.

/** A pending request's key: its connection and its id (a number and a string with the same digits differ). */
export function requestKey(connectionId: number, requestId: RequestId): string {
  return typeof requestId === 'number' ? `${connectionId}:n:${requestId}` : `${connectionId}:s:${requestId}`;
}

/** How many images a turn's input carries (remote and local). */
export function countInputImages(input: readonly UserInput[]): number {
  let images = 0;
  for (const item of input) if (item.type === 'image' || item.type === 'localImage') images += 1;
  return images;
}

/** What a `turn/completed` notification tells of its turn. */
export function turnCompletion(turn: Turn): TurnCompletion {
  return {
    status: turn.status === 'inProgress' ? null : turn.status,
    turnError: turn.error?.codexErrorInfo ?? null,
    completedAt: toUnsigned(turn.completedAt, 0),
    durationMs: toUnsigned(turn.durationMs, null),
  };
}
