// @segment/analytics-node on its defaults (writeKey 'bench', host = the sink): one track() per event, whose
// properties are the same event parameters the other clients send.

import { Analytics } from '@segment/analytics-node';
import { BENCH_USER_ID, eventFor } from '../bench-events.mjs';

export async function createAdapter({ sinkUrl }) {
  const analytics = new Analytics({ writeKey: 'bench', host: sinkUrl });
  const counts = { failed: 0 };
  analytics.on('error', () => {
    counts.failed += 1;
  });
  return {
    makeCall(seq) {
      const event = eventFor(seq);
      return { userId: BENCH_USER_ID, event: event.event_type, properties: event.event_params };
    },
    call: (message) => analytics.track(message),
    async shutdown(timeoutMs) {
      await analytics.closeAndFlush({ timeout: timeoutMs });
      return { errorEvents: counts.failed };
    },
  };
}
