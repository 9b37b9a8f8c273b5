// The three wire protocols the sink understands, told apart by path, and how to find each event's bench id.

import { seqOfTurnId } from '../bench-events.mjs';

/** Our client and the baseline: `POST {base}/codex/analytics-events/events` with `{"events":[...]}`. */
export const OURS_PATH = '/codex/analytics-events/events';

const PROTOCOLS = new Map([
  [OURS_PATH, { name: 'codex', events: (body) => body.events, seqOf: (event) => seqOfTurnId(event?.event_params?.turn_id) }],
  ['/v1/batch', { name: 'segment', events: (body) => body.batch, seqOf: (event) => seqOfTurnId(event?.properties?.turn_id) }],
  ['/batch/', { name: 'posthog', events: (body) => body.batch, seqOf: (event) => seqOfTurnId(event?.properties?.turn_id) }],
  ['/batch', { name: 'posthog', events: (body) => body.batch, seqOf: (event) => seqOfTurnId(event?.properties?.turn_id) }],
]);

/** The protocol for a request path (query string ignored), or undefined. */
export function protocolFor(url) {
  const path = url.split('?', 1)[0];
  return PROTOCOLS.get(path);
}
