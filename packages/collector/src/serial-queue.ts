/** Runs the given tasks one at a time, in call order; a task that fails does not stop the ones after it. */
export type SerialQueue = <T>(task: () => Promise<T> | T) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}
