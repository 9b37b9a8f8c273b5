// One repetition of the `tap-messages` scenario, in a fresh process: the app-server tap given large messages as
// text, each timed on its own (the tap's synchronous call, and the longest event-loop block from just before the
// call until the client's worker has had 400 ms to take the facts), beside a plain `JSON.parse` of the same text
// (what reading a message whole costs, as the tap did before it peeked at long texts). Prints one JSON line.

import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { closedPort } from '../harness/closed-port.mjs';

const MB = 1024 * 1024;

/** The messages, each built once: what an app-server connection can carry that is large. */
export function tapMessages() {
  const delta = JSON.stringify({
    method: 'item/agentMessage/delta',
    params: { threadId: 'thread-1', turnId: 'turn-1', itemId: 'item-1', delta: 'x'.repeat(10 * MB) },
  });
  const rows = [];
  for (let index = 0; rows.length * 60 < 10 * MB; index += 1) rows.push({ id: `thread-${index}`, preview: 'a short preview', n: index });
  const reply = JSON.stringify({ id: 777, result: { data: rows } });
  const input = Array.from({ length: 120_000 }, () => ({ type: 'text', text: 'hi', text_elements: [] }));
  const turnStart = JSON.stringify({ id: 9, method: 'turn/start', params: { threadId: 'thread-1', input } });
  return [
    { name: 'streamed delta, 10 MB (skipped)', direction: 'fromServer', text: delta },
    { name: 'reply nobody waits for, 10 MB of rows (skipped)', direction: 'fromServer', text: reply },
    { name: 'turn/start with 120,000 input items (read)', direction: 'toServer', text: turnStart },
  ];
}

async function main() {
  const { AnalyticsEventsClient, createAppServerTap } = await import('@codex-analytics/client');
  const { createStaticAuthManager } = await import('@codex-analytics/auth');
  const port = await closedPort();
  const client = new AnalyticsEventsClient({
    authManager: createStaticAuthManager({ accessToken: 'bench-access-token', accountId: 'bench-account' }),
    baseUrl: `http://127.0.0.1:${port}/`,
    logger: { warn: () => {} },
  });
  const tap = createAppServerTap(client, { connectionId: 1, rpcTransport: 'stdio' });
  // Warm the tap and the client on a small message, so first-use costs are not charged to the first large one.
  tap.toServer(JSON.stringify({ id: 1, method: 'turn/start', params: { threadId: 'thread-1', input: [] } }));
  await delay(100);
  const results = [];
  for (const message of tapMessages()) {
    const parseStarted = performance.now();
    JSON.parse(message.text);
    const parseMs = performance.now() - parseStarted;
    await delay(50);
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    await delay(5);
    const started = performance.now();
    tap[message.direction](message.text);
    const callMs = performance.now() - started;
    await delay(400);
    histogram.disable();
    results.push({ name: message.name, bytes: message.text.length, callMs, blockMs: histogram.max / 1e6, parseMs });
  }
  await client.shutdown({ timeoutMs: 100 });
  process.stdout.write(`${JSON.stringify({ results, stats: tap.stats() })}\n`);
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exitCode = 1;
  });
}
