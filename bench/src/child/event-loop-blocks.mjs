// The longest the event loop was blocked while a client ran: how late a 5 ms timer fired, at most
// (`perf_hooks.monitorEventLoopDelay`). Started after the client is constructed; the producer's own work in a
// tick counts too (the same for every client; the rate-driven scenarios produce ~10 events per tick).

import { monitorEventLoopDelay } from 'node:perf_hooks';

export function startBlockMonitor() {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return {
    /** Stops the monitor; the longest block seen, in ms. */
    stop() {
      histogram.disable();
      return Number.isFinite(histogram.max) ? histogram.max / 1e6 : null;
    },
  };
}
