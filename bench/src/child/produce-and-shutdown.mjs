// Every delivery scenario, in the client process: produce events in bursts with a yield to the event loop in
// between, then shut the client down under a deadline, measuring clock, CPU, heap and peak RSS.

import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { startBlockMonitor } from './event-loop-blocks.mjs';
import { cpuMicros, epochMs, heapAfterGc, heapNow, peakRssBytes } from './process-figures.mjs';

/**
 * @param {{ makeCall(seq: number): unknown, call(args: unknown): void, shutdown(timeoutMs: number): Promise<unknown> }} adapter
 * @param {{ events: number, burst: number, shutdownTimeoutMs: number, heapCheckpoints?: number }} params
 *   heapCheckpoints: take that many heap readings after a full GC while producing (costs time: slow scenario only).
 */
export async function produceAndShutdown(adapter, { events, burst, shutdownTimeoutMs, heapCheckpoints = 0 }) {
  const heapStart = heapAfterGc();
  const checkpointEvery = heapCheckpoints > 0 ? Math.ceil(events / heapCheckpoints / burst) * burst : 0;
  const heapSamples = [];
  let peakHeapBytes = heapStart;

  const blocks = startBlockMonitor();
  const cpuStart = cpuMicros();
  const startedAt = epochMs();
  for (let seq = 0; seq < events; ) {
    const end = Math.min(seq + burst, events);
    for (; seq < end; seq += 1) adapter.call(adapter.makeCall(seq));
    await yieldToLoop();
    const heap = heapNow();
    if (heap > peakHeapBytes) peakHeapBytes = heap;
    if (checkpointEvery > 0 && (seq % checkpointEvery === 0 || seq === events)) heapSamples.push({ produced: seq, heapBytes: heapAfterGc() });
  }
  const producedAt = epochMs();
  const shutdownStartedAt = producedAt;
  const summary = await adapter.shutdown(shutdownTimeoutMs);
  const shutdownAt = epochMs();
  const processCpuUs = cpuMicros();
  const cpuUs = processCpuUs - cpuStart;
  const longestBlockMs = blocks.stop();

  return {
    events,
    startedAt,
    producedAt,
    shutdownAt,
    shutdownMs: shutdownAt - shutdownStartedAt,
    cpuUs,
    processCpuUs,
    longestBlockMs,
    longestGcMs: blocks.longestGcMs,
    peakRssBytes: peakRssBytes(),
    heapStart,
    peakHeapBytes,
    heapSamples,
    summary: summary ?? null,
  };
}
