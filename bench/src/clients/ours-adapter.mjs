// Our AnalyticsEventsClient on its defaults. Loaded by package name (the workspace link), never by a path.

import { factFor } from '../bench-events.mjs';

/** What importing our client loads, without constructing it (see `importAdapter`). */
export async function preload() {
  await import('@codex-analytics/client');
  await import('@codex-analytics/auth');
}

export async function createAdapter({ sinkUrl }) {
  const { AnalyticsEventsClient } = await import('@codex-analytics/client');
  const { createStaticAuthManager } = await import('@codex-analytics/auth');
  const client = new AnalyticsEventsClient({
    authManager: createStaticAuthManager({ accessToken: 'bench-access-token', accountId: 'bench-account' }),
    baseUrl: sinkUrl,
    // Tuning runs only (e.g. BENCH_OURS_OPTIONS='{"lingerMs":50}'); a recorded run leaves it unset: the defaults.
    ...(process.env.BENCH_OURS_OPTIONS ? JSON.parse(process.env.BENCH_OURS_OPTIONS) : {}),
  });
  return {
    makeCall: factFor,
    call(fact) {
      if (fact.kind === 'app') client.trackAppUsed(fact.tracking, fact.app);
      else client.trackHookRun(fact.tracking, fact.hook);
    },
    shutdown: (timeoutMs) => client.shutdown({ timeoutMs }),
    // The backpressure signal, when this build of the client has one (burst-bp).
    ...(typeof client.drained === 'function'
      ? { needsDrain: () => client.needsDrain, drained: () => client.drained() }
      : {}),
  };
}
