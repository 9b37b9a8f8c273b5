// The harness's side of a sink: fork it, ask it for counts over IPC (every wait bounded), stop it.

import { fileURLToPath } from 'node:url';
import { forkTracked, killChild, waitForExit } from '../harness/live-children.mjs';

const SINK_FILE = fileURLToPath(new URL('./sink-process.mjs', import.meta.url));
const START_TIMEOUT_MS = 10_000;
const RPC_MARGIN_MS = 5_000;

/**
 * Starts a sink expecting `expected` events with `faults`; resolves `{ url, port, stats, waitForAll, close }`.
 * @param {{ expected: number, faults?: object }} config
 */
export async function startSink(config) {
  const child = forkTracked(SINK_FILE, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killChild(child);
      reject(new Error('sink did not start in time'));
    }, START_TIMEOUT_MS);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sink exited early (${code})`));
    });
  });

  let nextId = 0;
  const pending = new Map();
  child.on('message', (message) => {
    const resolve = pending.get(message.id);
    if (resolve !== undefined) {
      pending.delete(message.id);
      resolve(message.stats);
    }
  });
  const ask = (message, timeoutMs) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`sink did not answer ${message.cmd} in ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, (stats) => {
        clearTimeout(timer);
        resolve(stats);
      });
      child.send({ id, ...message });
    });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stats: () => ask({ cmd: 'stats' }, RPC_MARGIN_MS),
    /** Counts once every expected event has arrived, or after `timeoutMs`. */
    waitForAll: (timeoutMs) => ask({ cmd: 'waitForAll', timeoutMs }, timeoutMs + RPC_MARGIN_MS),
    /** Final counts; the sink process has exited (or been killed) when this resolves. */
    async close() {
      let stats;
      try {
        stats = await ask({ cmd: 'close' }, RPC_MARGIN_MS);
      } catch {
        stats = undefined;
      }
      await waitForExit(child, 2_000);
      return stats;
    },
  };
}
