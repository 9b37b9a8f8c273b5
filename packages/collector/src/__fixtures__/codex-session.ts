// The 24 events of the demo's scripted Codex session (packages/demo, played through the real client), posted to a
// collector in the bursts a client would send, with arrival times from a test clock, plus the requests a
// misconfigured client gets refused. For the live page's browser tests and screenshots.
import { readFileSync } from 'node:fs';
import type { TrackEventRequest } from '@codex-analytics/events';
import type { Collector } from '../collector-options.js';
import { bearerHeaders, createTestHttp } from './http-client.js';

export const codexSessionEvents = JSON.parse(
  readFileSync(new URL('./codex-session-events.json', import.meta.url), 'utf8'),
) as TrackEventRequest[];

/** Bursts as [index range, seconds after the start]: threads start, turn 1 runs, steers, the other turns, plugins. */
const bursts: [number, number, number][] = [
  [0, 3, 0],
  [3, 10, 4],
  [10, 15, 9],
  [15, 17, 21],
  [17, 19, 33],
  [19, 20, 47],
  [20, 24, 70],
];

/**
 * Posts the session in bursts, moving `clock.now` forward between them (the collector must read its time from
 * `clock`), then three refused requests: no credentials (401), invalid events (400) and a body over the cap (413).
 */
export async function playCodexSession(collector: Collector, clock: { now: number }, { refused = true } = {}): Promise<void> {
  const http = createTestHttp();
  const start = clock.now;
  try {
    for (const [from, to, at] of bursts) {
      clock.now = start + at * 1000 + from * 37;
      const response = await http.postEvents(collector, codexSessionEvents.slice(from, to));
      if (response.status !== 200) throw new Error(`the session fixture was refused: ${response.text}`);
    }
    if (!refused) return;
    clock.now = start + 52_000;
    await http.postEvents(collector, codexSessionEvents.slice(0, 1), { 'content-type': 'application/json' });
    clock.now = start + 58_000;
    const broken = structuredClone(codexSessionEvents.slice(13, 15)) as unknown as { event_params: Record<string, unknown> }[];
    delete broken[0]!.event_params.turn_id;
    broken[1]!.event_params.status = 'exploded';
    await http.postEvents(collector, broken);
    clock.now = start + 64_000;
    await http.send(collector.eventsUrl, { method: 'POST', headers: bearerHeaders, body: JSON.stringify({ events: Array.from({ length: 400 }, () => codexSessionEvents[13]) }) });
  } finally {
    await http.close();
  }
}
