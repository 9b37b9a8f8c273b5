// The burst scenarios, in the client process: `events` track calls in one synchronous loop (each call's
// arguments built in the loop, as a caller does), then shutdown. With `backpressure`, a client that offers a
// backpressure signal is asked after every call and the producer awaits it when it says so (Node streams' idiom:
// `write()` false → wait for 'drain'); a client without one is driven exactly as without.

import { startBlockMonitor } from './event-loop-blocks.mjs';
import { cpuMicros, epochMs, heapAfterGc, heapNow, peakRssBytes } from './process-figures.mjs';

/**
 * @param {{ makeCall(seq: number): unknown, call(args: unknown): void, shutdown(timeoutMs: number): Promise<unknown>,
 *   needsDrain?: () => boolean, drained?: () => Promise<unknown> }} adapter
 * @param {{ events: number, shutdownTimeoutMs: number, backpressure: boolean }} params
 */
export async function produceBurst(adapter, { events, shutdownTimeoutMs, backpressure }) {
  const heapStart = heapAfterGc();
  // Without backpressure the loop itself is one long block (the caller's): the monitor starts after it.
  let blocks = backpressure ? startBlockMonitor() : undefined;
  const cpuStart = cpuMicros();
  const startedAt = epochMs();
  let waits = 0;
  const drive = backpressure && typeof adapter.needsDrain === 'function';
  const loopStart = process.hrtime.bigint();
  if (drive) {
    for (let seq = 0; seq < events; seq += 1) {
      adapter.call(adapter.makeCall(seq));
      if (adapter.needsDrain()) {
        waits += 1;
        await adapter.drained();
      }
    }
  } else {
    for (let seq = 0; seq < events; seq += 1) adapter.call(adapter.makeCall(seq));
  }
  const loopNs = Number(process.hrtime.bigint() - loopStart);
  const producedAt = epochMs();
  const heapAfterLoop = drive ? null : heapAfterGc();
  // After the bench's own forced GC (the heap figure), which is not the client's block.
  blocks ??= startBlockMonitor();
  const peakHeapBytes = heapNow();
  const summary = await adapter.shutdown(shutdownTimeoutMs);
  const shutdownAt = epochMs();
  const cpuUs = cpuMicros() - cpuStart;
  return {
    events,
    startedAt,
    producedAt,
    shutdownAt,
    shutdownMs: shutdownAt - producedAt,
    loopNsPerCall: drive ? null : loopNs / events,
    heapHeldBytes: heapAfterLoop === null ? null : heapAfterLoop - heapStart,
    waits,
    cpuUs,
    peakRssBytes: peakRssBytes(),
    peakHeapBytes,
    longestBlockMs: blocks.stop(),
    longestGcMs: blocks.longestGcMs,
    summary: summary ?? null,
  };
}
