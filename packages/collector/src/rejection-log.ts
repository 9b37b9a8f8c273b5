import type { EventValidationError } from './validate-track-events.js';

/** Why a request was refused: the events endpoint's reasons, plus the guard's (any route). */
export type RefusalReason =
  | 'unauthorized'
  | 'payload_too_large'
  | 'invalid_json'
  | 'invalid_events'
  | 'aborted'
  | 'fault_status'
  | 'fault_rate_limited'
  | 'fault_dropped'
  | 'out_unavailable'
  | 'store_unavailable'
  | 'server_busy'
  | 'forbidden_host'
  | 'forbidden_origin'
  | 'unsupported_media_type'
  | 'invalid_ingest_token'
  | 'forbidden_writer'
  | 'rate_limited'
  | 'byte_rate_limited'
  | 'unauthorized_reader';

/** A request the collector refused, as `GET /api/rejections` lists it. Never holds a credential or the body. */
export interface RejectedRequest {
  /** 1-based, increasing. */
  id: number;
  /** Arrival time, milliseconds since the epoch. */
  receivedAt: number;
  method: string;
  path: string;
  /** The status answered; `null` when no answer was sent (a dropped connection, a client that went away). */
  status: number | null;
  reason: RefusalReason;
  message: string;
  /** The `chatgpt-account-id` header, when sent. */
  accountId: string | null;
  /** For `invalid_events`: the first errors (index, event_type, path), as the 400 listed them. */
  errors: EventValidationError[];
  /** For `invalid_events`: every error, listed or not. */
  errorCount: number;
}

export interface RejectionLog {
  add(rejection: Omit<RejectedRequest, 'id'>): RejectedRequest;
  /** The kept rejections, oldest first (at most `capacity`). */
  list(): RejectedRequest[];
  /** Forgets every kept rejection (ids go on increasing). */
  clear(): void;
}

/** The last `capacity` refused requests, in memory only. */
export function createRejectionLog(capacity = 500): RejectionLog {
  let kept: RejectedRequest[] = [];
  let lastId = 0;
  return {
    add: (rejection) => {
      lastId += 1;
      const entry = { id: lastId, ...rejection };
      kept.push(entry);
      if (kept.length > capacity) kept = kept.slice(kept.length - capacity);
      return entry;
    },
    list: () => [...kept],
    clear: () => {
      kept = [];
    },
  };
}
