// The baseline, the practical limit of the wire: events serialized by hand and POSTed in batches of 100 over an
// undici keep-alive Agent. No queue, no reducer, no retries: a full batch goes out at once, a failed one is lost.

import { Agent, request } from 'undici';

const BATCH_SIZE = 100;

/** @param {{ url: string, headers: Record<string, string> }} options */
export function createWireBaseline({ url, headers }) {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const inFlight = new Set();
  const counts = { sent: 0, failed: 0 };
  let parts = [];

  function post(batch) {
    const body = `{"events":[${batch.join(',')}]}`;
    const events = batch.length;
    const sending = request(url, { dispatcher: agent, method: 'POST', headers, body })
      .then(async (response) => {
        await response.body.dump();
        if (response.statusCode >= 200 && response.statusCode < 300) counts.sent += events;
        else counts.failed += events;
      })
      .catch(() => {
        counts.failed += events;
      })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }

  return {
    /** Serializes one event and sends the batch when it holds 100. */
    track(event) {
      parts.push(JSON.stringify(event));
      if (parts.length === BATCH_SIZE) {
        post(parts);
        parts = [];
      }
    },
    /** Sends the partial batch and waits for every request, at most `timeoutMs`. */
    async shutdown(timeoutMs) {
      if (parts.length > 0) post(parts);
      parts = [];
      let timer;
      const deadline = new Promise((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]), deadline]);
      clearTimeout(timer);
      const pending = inFlight.size;
      await agent.destroy();
      return { ...counts, pending };
    },
  };
}
