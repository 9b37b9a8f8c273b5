import { describe, expect, it, vi } from 'vitest';
import { createSleep, sleep } from './sleep.js';

describe('sleep', () => {
  it('resolves after the delay on a timer that does not keep the process alive', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    await sleep(1);
    const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sleep(60_000, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects with the signal reason when aborted while waiting', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    const reason = new Error('shutting down');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('treats a delay setTimeout cannot hold as the longest one it can', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const controller = new AbortController();
    const pending = sleep(Number.MAX_SAFE_INTEGER, controller.signal);
    expect(setTimeoutSpy.mock.calls[0]?.[1]).toBe(2_147_483_647);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('createSleep', () => {
  it('keeps the process alive while it waits when asked not to unref', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    await createSleep({ unref: false })(1);
    const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(true);
  });

  it('rejects with the signal reason like the default sleep', async () => {
    const controller = new AbortController();
    const pending = createSleep({ unref: false })(60_000, controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});
