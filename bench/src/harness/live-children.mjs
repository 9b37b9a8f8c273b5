// Every process the bench forks, so that none outlives it (normal end, error, Ctrl-C or a timeout).

import { fork } from 'node:child_process';

const live = new Set();

/** `child_process.fork`, remembered until the child exits. */
export function forkTracked(file, args, options) {
  const child = fork(file, args, options);
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** SIGKILLs a child unless it has already exited. */
export function killChild(child) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Resolves when the child has exited, SIGKILLing it after `timeoutMs`. */
export function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => killChild(child), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function liveChildCount() {
  return live.size;
}

function killAll() {
  for (const child of live) killChild(child);
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}
