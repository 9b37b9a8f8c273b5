import type { AnalyticsReducerWaiting } from '@codex-analytics/reducer';

/**
 * Why something was dropped before it was sent. Facts are counted for drops that happen before reduction
 * (`queue_full`, `invalid_fact`, `reducer_error`, `shutdown`); events for drops of reduced events (`pending_full`
 * and the auth skips).
 * - `queue_full`: the pending bound (facts or bytes, over the queue, batches in flight and batches awaiting a retry) was reached.
 * - `pending_full`: a fact expanded into more events than the pending bounds hold; the excess events were dropped.
 * - `invalid_fact`: the fact failed the facts schema, or threw when read (a getter, a revoked proxy).
 * - `reducer_error`: the reducer threw or produced an event that could not be serialized (a cycle).
 * - `shutdown`: a `track*` call after `shutdown()`.
 * - `no_auth`, `non_chatgpt_auth`, `no_authorization_header`, `no_account_id`: the send path skipped the
 *   batch as upstream does (no credentials, API-key auth, no `Authorization` value, no account id).
 * - `auth_error`: the auth manager threw or rejected.
 */
export type DropReason =
  | 'queue_full'
  | 'pending_full'
  | 'invalid_fact'
  | 'reducer_error'
  | 'shutdown'
  | 'no_auth'
  | 'non_chatgpt_auth'
  | 'no_authorization_header'
  | 'no_account_id'
  | 'auth_error';

/** The send-path skips, in the order the seed checks them (plus `auth_error`). */
export type AuthSkipReason = Extract<
  DropReason,
  'no_auth' | 'non_chatgpt_auth' | 'no_authorization_header' | 'no_account_id' | 'auth_error'
>;

/**
 * Why events failed for good after being sent (counted in events).
 * - `rejected`: a 400 on a single event (a batch of several is split to isolate it first).
 * - `too_large`: a 413 on a single event.
 * - `http_error`: any other final status (other 4xx, 501, 505, 3xx).
 * - `transport_error`: a final failure without a status, or a transport that threw.
 */
export type FailReason = 'rejected' | 'too_large' | 'http_error' | 'transport_error';

/** What a `flush()` or `shutdown()` resolves with: running totals since the client was created. */
export interface DeliveryReport {
  /** Events the backend accepted (2xx). */
  sent: number;
  /** Events that failed for good. */
  failed: number;
  /** Drops by reason (facts or events, see `DropReason`). Reasons with no drop are absent. */
  dropped: Partial<Record<DropReason, number>>;
  /**
   * What was still undelivered when the call resolved: facts not yet reduced (the one being reduced included) plus
   * events in batches being built, in flight or awaiting a retry. After `shutdown`, these are abandoned.
   */
  pending: number;
}

/** `stats()`: the report's totals plus the current sizes of the buffers. */
export interface ClientStats extends DeliveryReport {
  /**
   * What the reducer still waits for: turns whose `codex_turn_event` lacks a fact (and which), and `turn/start` or
   * `turn/steer` requests awaiting their response; the first 10 of each (`client.waiting(limit)` for more). `null`
   * when an injected reducer cannot say.
   */
  waiting: AnalyticsReducerWaiting | null;
  /**
   * What the client took in, counted in facts until they are reduced and in events after: every fact a `track*`
   * call recorded (after dedupe; accepted into the queue or dropped at once), with each reduced fact replaced by
   * its events (`+ emittedEvents - reducedFacts`). At every moment
   * `enqueued = sent + failed + (sum of dropped) + pending`.
   */
  enqueued: number;
  /** Facts whose reduction completed (into any number of events, none included). */
  reducedFacts: number;
  /** Events the reducer produced from them (those then dropped as `pending_full` included). */
  emittedEvents: number;
  /** Failures by reason, in events. */
  failedByReason: Partial<Record<FailReason, number>>;
  /** Facts waiting to be reduced, and the one being reduced. */
  queuedFacts: number;
  /** Estimated bytes of the queued facts. */
  queuedBytes: number;
  /** Reduced events not yet delivered (being batched, in flight or awaiting a retry). */
  bufferedEvents: number;
  /** Serialized bytes of those events. */
  bufferedBytes: number;
  /** HTTP requests in flight. */
  inFlightRequests: number;
  /** HTTP requests made, retries included. */
  requests: number;
  /** Retries scheduled. */
  retries: number;
}
