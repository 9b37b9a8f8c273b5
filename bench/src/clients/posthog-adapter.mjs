// posthog-node on its defaults (api key 'bench', host = the sink; gzip on): one capture() per event, whose
// properties are the same event parameters the other clients send.

import { PostHog } from 'posthog-node';
import { BENCH_USER_ID, eventFor } from '../bench-events.mjs';

export async function createAdapter({ sinkUrl }) {
  const posthog = new PostHog('bench', { host: sinkUrl });
  const counts = { errors: 0 };
  posthog.on('error', () => {
    counts.errors += 1;
  });
  return {
    makeCall(seq) {
      const event = eventFor(seq);
      return { distinctId: BENCH_USER_ID, event: event.event_type, properties: event.event_params };
    },
    call: (message) => posthog.capture(message),
    async shutdown(timeoutMs) {
      await posthog.shutdown(timeoutMs);
      return { errors: counts.errors };
    },
  };
}
