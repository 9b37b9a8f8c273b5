// The baseline behind the common adapter shape: each call hands it the wire event of one sequence number.

import { eventFor } from '../bench-events.mjs';
import { OURS_PATH } from '../sink/sink-protocols.mjs';
import { createWireBaseline } from './wire-baseline.mjs';

export async function createAdapter({ sinkUrl }) {
  const baseline = createWireBaseline({
    url: `${sinkUrl}${OURS_PATH}`,
    headers: { authorization: 'Bearer bench-access-token', 'chatgpt-account-id': 'bench-account', 'content-type': 'application/json' },
  });
  return {
    makeCall: eventFor,
    call: (event) => baseline.track(event),
    shutdown: (timeoutMs) => baseline.shutdown(timeoutMs),
  };
}
