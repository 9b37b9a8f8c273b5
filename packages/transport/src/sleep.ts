import { clampTimerMs } from './clamp-timer-ms.js';

/** Waits `ms` milliseconds; rejects as soon as `signal` aborts (with its reason when that is an Error, else an `AbortError`). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface SleepOptions {
  /**
   * Whether the timer lets the process exit while it runs (`unref`). True for waits nobody awaits to the end (a
   * backoff, a linger); false for a wait the program depends on (a lock's retry), so Node does not exit under it.
   */
  unref: boolean;
}

/** A `Sleep` on `setTimeout` (delay clamped by `clampTimerMs`), cleared as soon as the signal aborts. */
export function createSleep({ unref }: SleepOptions): Sleep {
  return (ms, signal) =>
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
      if (unref) timer.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}

/** The default `Sleep`: an unref'd timer, so a pending retry never keeps the process alive. */
export const sleep: Sleep = createSleep({ unref: true });

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}
