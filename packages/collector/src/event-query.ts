import { EVENT_TYPES } from '@codex-analytics/events';
import type { EventFilter } from './event-filter.js';

export const defaultPageLimit = 100;
export const maxPageLimit = 1000;

/** The query of `GET /api/events`: filters plus a page given by `cursor` (an event id) or `offset`. */
export interface EventQuery {
  filter: EventFilter;
  limit: number;
  /** Return events with an id greater than this. */
  cursor: number | undefined;
  offset: number;
}

export type ParsedQuery<T> = { ok: true; value: T } | { ok: false; message: string };

/** `event_type`, `thread_id` and `since` (milliseconds since the epoch, or an ISO 8601 time). */
export function parseEventFilter(params: URLSearchParams): ParsedQuery<EventFilter> {
  const filter: EventFilter = {};
  const eventType = params.get('event_type');
  if (eventType !== null && eventType !== '') {
    if (!(EVENT_TYPES as readonly string[]).includes(eventType)) return { ok: false, message: `unknown event_type ${JSON.stringify(eventType)}` };
    filter.eventType = eventType;
  }
  const threadId = params.get('thread_id');
  if (threadId !== null && threadId !== '') filter.threadId = threadId;
  const since = params.get('since');
  if (since !== null && since !== '') {
    const sinceMs = /^\d+$/.test(since) ? Number(since) : Date.parse(since);
    if (!Number.isFinite(sinceMs)) return { ok: false, message: 'since must be milliseconds since the epoch or an ISO 8601 time' };
    filter.since = sinceMs;
  }
  return { ok: true, value: filter };
}

export function parseEventQuery(params: URLSearchParams): ParsedQuery<EventQuery> {
  const filter = parseEventFilter(params);
  if (!filter.ok) return filter;
  const limit = parseCount(params.get('limit'), defaultPageLimit);
  if (limit === undefined || limit < 1 || limit > maxPageLimit) return { ok: false, message: `limit must be an integer from 1 to ${maxPageLimit}` };
  const cursorText = params.get('cursor');
  const offsetText = params.get('offset');
  if (cursorText !== null && offsetText !== null) return { ok: false, message: 'use cursor or offset, not both' };
  const cursor = cursorText === null ? undefined : parseCount(cursorText, 0);
  if (cursorText !== null && cursor === undefined) return { ok: false, message: 'cursor must be the nextCursor of a previous page' };
  const offset = parseCount(offsetText, 0);
  if (offset === undefined) return { ok: false, message: 'offset must be a non-negative integer' };
  return { ok: true, value: { filter: filter.value, limit, cursor, offset } };
}

/** A non-negative integer, `fallback` when absent, `undefined` when malformed. */
export function parseCount(text: string | null, fallback: number): number | undefined {
  if (text === null || text === '') return fallback;
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}
