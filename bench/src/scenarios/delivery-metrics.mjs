// Figures shared by the delivery scenarios, from a client process's report and the sink's counts.

const MB = 1024 * 1024;

/** What the client itself says it dropped (ours reports drops by reason; the anchors report nothing). */
export function clientDropped(summary) {
  const dropped = summary?.dropped;
  if (typeof dropped === 'number') return dropped;
  if (dropped !== null && typeof dropped === 'object') return Object.values(dropped).reduce((sum, n) => sum + (Number(n) || 0), 0);
  return null;
}

export function deliveryMetrics(result, sink) {
  return {
    delivered: sink?.delivered ?? 0,
    lost: result.events - (sink?.delivered ?? 0),
    duplicates: sink?.duplicates ?? 0,
    requests: sink?.requests ?? 0,
    failedRequests: Object.entries(sink?.requestsByStatus ?? {}).reduce((sum, [status, n]) => sum + (Number(status) >= 300 ? n : 0), 0),
    shutdownMs: result.shutdownMs,
    peakRssMB: result.peakRssBytes / MB,
    clientDropped: clientDropped(result.summary),
    clientPending: typeof result.summary?.pending === 'number' ? result.summary.pending : null,
  };
}

export const produceParams = (s) => ({
  events: s.events,
  burst: s.burst,
  shutdownTimeoutMs: s.shutdownTimeoutMs,
  heapCheckpoints: s.heapCheckpoints ?? 0,
});
