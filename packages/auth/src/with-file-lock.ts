import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { errorCode } from './error-code.js';

export interface FileLockOptions {
  /** A lock file older than this is left over by a crashed process and is broken. Default: 30000. */
  staleMs?: number;
  /** Give up waiting after this long. Default: 10000. */
  timeoutMs?: number;
  /** Default: `Date.now`. */
  now?: () => number;
  /** Default: `setTimeout`. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Runs `action` while holding `lockPath`, a file created with O_EXCL so that only one process
 * (or one caller in this process) holds it at a time. Keep `action` short: it must finish well
 * before `staleMs`, or another process may treat the lock as abandoned.
 */
export async function withFileLock<T>(lockPath: string, action: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const { staleMs = 30_000, timeoutMs = 10_000, now = () => Date.now(), sleep = defaultSleep } = options;
  const startedAt = now();
  for (;;) {
    if (await tryCreateLock(lockPath)) break;
    await breakIfStale(lockPath, staleMs, now);
    if (now() - startedAt > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for the lock file ${lockPath}`);
    }
    await sleep(2 + Math.floor(Math.random() * 8));
  }
  try {
    return await action();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function tryCreateLock(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(`${process.pid}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

async function breakIfStale(lockPath: string, staleMs: number, now: () => number): Promise<void> {
  let modifiedAtMs: number;
  try {
    modifiedAtMs = (await stat(lockPath)).mtimeMs;
  } catch {
    return;
  }
  if (now() - modifiedAtMs <= staleMs) return;
  // Move it aside before deleting: of several processes that saw it stale, exactly one wins the rename.
  const asidePath = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(lockPath, asidePath);
  } catch {
    return;
  }
  await unlink(asidePath).catch(() => undefined);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
