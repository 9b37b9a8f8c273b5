/** Waits `ms` milliseconds; rejects when `signal` aborts. The shape of the transport package's `Sleep`. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The longest delay `setTimeout` honours; anything larger fires at once. */
const maxTimerMs = 2_147_483_647;

/** The default sleep: an unref'd timer (a pending wait never keeps the process alive), cleared on abort. */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const delay = Number.isNaN(ms) || ms <= 0 ? 0 : Math.min(ms, maxTimerMs);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delay);
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function abortError(): Error {
  return new DOMException('The operation was aborted.', 'AbortError');
}
