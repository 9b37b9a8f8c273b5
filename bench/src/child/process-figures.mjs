// The figures a client process reports about itself: clock, CPU time, heap, peak RSS.

import { getHeapStatistics } from 'node:v8';

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes on this host. */
export const epochMs = () => performance.timeOrigin + performance.now();

/** User + system CPU time of this process, in microseconds. */
export function cpuMicros() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Heap in use after a full collection (children run with --expose-gc). */
export function heapAfterGc() {
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

/** Heap in use now, without collecting (cheap: no /proc read, unlike process.memoryUsage()). */
export const heapNow = () => getHeapStatistics().used_heap_size;

/** Peak resident set size of this process so far, in bytes. */
export const peakRssBytes = () => process.resourceUsage().maxRSS * 1024;
