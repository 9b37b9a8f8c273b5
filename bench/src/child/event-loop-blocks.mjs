// The longest the event loop was blocked while a client ran: how late a 5 ms timer fired, at most
// (`perf_hooks.monitorEventLoopDelay`). Started after the client is constructed; the producer's own work in a
// tick counts too (the same for every client; the rate-driven scenarios produce ~10 events per tick).
// Beside it, the longest garbage-collection pause in the same stretch (`PerformanceObserver` on `gc` entries), so a
// block can be told apart from the collector's own pauses, which the heap the process holds decides.

import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

export function startBlockMonitor({ resolution = 5 } = {}) {
  const histogram = monitorEventLoopDelay({ resolution });
  histogram.enable();
  let longestGcMs = 0;
  // GC entries reach the observer after the task they happened in: a pause inside a caller's synchronous loop
  // that ran before the monitor started is told apart by its start time.
  const startedAt = performance.now();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.startTime >= startedAt && entry.duration > longestGcMs) longestGcMs = entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const monitor = {
    /** The longest GC pause seen before `stop()`, in ms. */
    longestGcMs: null,
    /** Stops the monitor; the longest block seen, in ms. */
    stop() {
      histogram.disable();
      // Entries of the last task are delivered with it: take them before disconnecting.
      for (const entry of observer.takeRecords?.() ?? []) {
        if (entry.startTime >= startedAt && entry.duration > longestGcMs) longestGcMs = entry.duration;
      }
      observer.disconnect();
      monitor.longestGcMs = longestGcMs;
      return Number.isFinite(histogram.max) ? histogram.max / 1e6 : null;
    },
  };
  return monitor;
}
