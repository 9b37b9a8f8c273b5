import type { EventParams, PageDrift, PageEvent, PageRejection } from './page-data.js';

/** The filters, as in the URL's query. */
export interface Filters {
  type: string;
  thread: string;
  turn: string;
  account: string;
  since: string;
}

export const FILTER_KEYS = ['type', 'thread', 'turn', 'account', 'since'] as const satisfies ReadonlyArray<keyof Filters>;

/** Everything the page knows, kept as events arrive so a frame never walks all events for it. */
export interface PageState {
  events: PageEvent[];
  byId: Map<number, PageEvent>;
  /** Threads, types and accounts in order of first appearance. */
  threadsSeen: Set<string>;
  typesSeen: Set<string>;
  accountsSeen: Set<string>;
  /** What each thread's `codex_thread_initialized` said. */
  threadInfo: Map<string, EventParams>;
  rejections: PageRejection[];
  /** Grows whenever the rejections change, so they are drawn again only then. */
  rejectionsVersion: number;
  drift: PageDrift | null;
  /**
   * What the store holds, from `/api/stats` (polled): with a shared store (ClickHouse) it has events this page never
   * received (other collectors', older ones), so the counts show the larger of the two.
   */
  stored: { events: number; byType: Record<string, number> } | null;
  selectedId: number | null;
  filters: Filters;
}

export function createPageState(): PageState {
  return {
    events: [],
    byId: new Map(),
    threadsSeen: new Set(),
    typesSeen: new Set(),
    accountsSeen: new Set(),
    threadInfo: new Map(),
    rejections: [],
    rejectionsVersion: 0,
    drift: null,
    stored: null,
    selectedId: null,
    filters: { type: '', thread: '', turn: '', account: '', since: '' },
  };
}
