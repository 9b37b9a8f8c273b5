// The rate-driven scenarios, in the client process: `rate` events per second for `durationMs`, produced on a 5 ms
// timer (what is due by now, so ~10 events per tick at 2,000/s), then shutdown. Reports CPU time over production
// and shutdown, when each event was produced (for delivery latency against the sink's arrival times), and the
// longest event-loop block.

import { setTimeout as sleep } from 'node:timers/promises';
import { startBlockMonitor } from './event-loop-blocks.mjs';
import { cpuMicros, epochMs, peakRssBytes } from './process-figures.mjs';

const TICK_MS = 5;

/**
 * @param {{ makeCall(seq: number): unknown, call(args: unknown): void, shutdown(timeoutMs: number): Promise<unknown> }} adapter
 * @param {{ rate: number, durationMs: number, shutdownTimeoutMs: number }} params
 */
export async function produceAtRate(adapter, { rate, durationMs, shutdownTimeoutMs }) {
  const events = Math.round((rate * durationMs) / 1000);
  const producedAt = new Array(events);
  const blocks = startBlockMonitor();
  const cpuStart = cpuMicros();
  const startedAt = epochMs();
  let seq = 0;
  while (seq < events) {
    const due = Math.min(events, Math.floor(((epochMs() - startedAt) * rate) / 1000) + 1);
    const now = epochMs();
    for (; seq < due; seq += 1) {
      adapter.call(adapter.makeCall(seq));
      producedAt[seq] = now;
    }
    if (seq < events) await sleep(TICK_MS);
  }
  const producedEnd = epochMs();
  const summary = await adapter.shutdown(shutdownTimeoutMs);
  const shutdownAt = epochMs();
  const cpuUs = cpuMicros() - cpuStart;
  const longestBlockMs = blocks.stop();
  return {
    events,
    startedAt,
    producedAt: producedAt.map((t) => Math.round(t * 100) / 100),
    producedEnd,
    shutdownAt,
    shutdownMs: shutdownAt - producedEnd,
    cpuUs,
    peakRssBytes: peakRssBytes(),
    longestBlockMs,
    longestGcMs: blocks.longestGcMs,
    summary: summary ?? null,
  };
}
