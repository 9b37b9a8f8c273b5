// Runs one client process (child/client-process.mjs) and resolves its report; kills it at the time limit.

import { fileURLToPath } from 'node:url';
import { forkTracked, killChild, waitForExit } from './live-children.mjs';

const CHILD_FILE = fileURLToPath(new URL('../child/client-process.mjs', import.meta.url));
const TAIL_CHARS = 2_000;

function keepTail(stream) {
  const tail = { text: '', lines: 0 };
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk) => {
    tail.lines += chunk.split('\n').length - 1;
    tail.text = (tail.text + chunk).slice(-TAIL_CHARS);
  });
  return tail;
}

/**
 * @param {{ client: string, kind: string, sinkUrl: string, params: object }} job
 * @param {{ timeoutMs: number, execArgv?: string[] }} options
 * @returns {Promise<{ result?: object, error?: string, logLines: number }>}
 */
export async function runClientProcess(job, { timeoutMs, execArgv = [] }) {
  const spawnedAt = performance.timeOrigin + performance.now();
  const child = forkTracked(CHILD_FILE, [JSON.stringify(job)], {
    execArgv: ['--expose-gc', ...execArgv],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const stdout = keepTail(child.stdout);
  const stderr = keepTail(child.stderr);
  const outcome = await new Promise((resolve) => {
    const timer = setTimeout(() => {
      killChild(child);
      resolve({ error: `timed out after ${timeoutMs} ms` });
    }, timeoutMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ error: `exited (${signal ?? code}) without a report: ${stderr.text.slice(-500)}` });
    });
  });
  await waitForExit(child, 5_000);
  const exitedAt = performance.timeOrigin + performance.now();
  return { ...outcome, processWallMs: exitedAt - spawnedAt, logLines: stdout.lines + stderr.lines, logTail: stderr.text.slice(-300) };
}
