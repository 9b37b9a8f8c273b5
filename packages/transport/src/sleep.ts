import { clampTimerMs } from './clamp-timer-ms.js';

/** Waits `ms` milliseconds; rejects as soon as `signal` aborts (with its reason when that is an Error, else an `AbortError`). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * The default `Sleep`: an unref'd timer, so a pending retry never keeps the process alive,
 * cleared as soon as the signal aborts.
 */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, clampTimerMs(ms));
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}
