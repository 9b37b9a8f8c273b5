/**
 * How the delivery worker gives way to the rest of the program, injected like the clock: `turn` resolves on a later
 * turn of the event loop (after pending I/O, so answers that free request slots are not held up), `defer` runs a
 * function once the caller's synchronous code has returned (so the worker never runs inside a `track*` call).
 */
export interface EventLoop {
  turn: () => Promise<void>;
  defer: (run: () => void) => void;
  /** Runs a function after `ms` on a timer that does not hold the process; the fallback when the injected `sleep` throws. */
  timer: (run: () => void, ms: number) => void;
}

/** Node's: `setImmediate` for a turn, a microtask to defer, an unref'd `setTimeout`. */
export const nodeEventLoop: EventLoop = {
  turn: () => new Promise((resolve) => setImmediate(resolve)),
  defer: (run) => queueMicrotask(run),
  timer: (run, ms) => {
    setTimeout(run, ms).unref();
  },
};
