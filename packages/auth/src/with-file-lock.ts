import { createSleep } from '@codex-analytics/transport';
import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { errorCode } from './error-code.js';
import { readRegularFile } from './read-regular-file.js';

/** A lock's retry wait holds the process: the program is waiting for the lock, not idle. */
const defaultSleep = createSleep({ unref: false });

export interface FileLockOptions {
  /** A lock whose owner is alive (or cannot be told dead) is broken only when older than this. Default: 30000. */
  staleMs?: number;
  /**
   * A lock whose owner cannot be checked (written on another host, or with no readable pid) is broken when older
   * than this. Default: 5000, well within the default wait.
   */
  unknownOwnerStaleMs?: number;
  /** Give up waiting after this long. Default: 10000. */
  timeoutMs?: number;
  /** Default: `Date.now`. */
  now?: () => number;
  /** Default: `setTimeout`. */
  sleep?: (ms: number) => Promise<void>;
  /** Whether a process of this host is alive. Default: `process.kill(pid, 0)` (`ESRCH` means dead). */
  isProcessAlive?: (pid: number) => boolean;
}

/** The owner a lock file names: `<pid> <host>` (a bare `<pid>` is taken as this host). */
interface LockOwner {
  pid: number;
  host: string;
}

/**
 * Runs `action` while holding `lockPath`, a file created with O_EXCL so that only one process (or one caller in this
 * process) holds it at a time; it names its owner (`<pid> <host>`). A lock left by a crashed process is broken as
 * soon as it is seen: its owner's pid is dead on this host. One whose owner cannot be checked is broken after
 * `unknownOwnerStaleMs`, one whose owner is alive after `staleMs`. Breaking is safe against a race: the lock is
 * moved aside, and if what was moved is not the file judged stale (another process took the lock in between), it is
 * linked back. Keep `action` short: it must finish well before `staleMs`.
 */
export async function withFileLock<T>(lockPath: string, action: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const { timeoutMs = 10_000, now = () => Date.now(), sleep = defaultSleep } = options;
  const startedAt = now();
  for (;;) {
    if (await tryCreateLock(lockPath)) break;
    // A lock just broken is retried at once.
    if (await breakIfStale(lockPath, options, now)) continue;
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
      await handle.writeFile(`${process.pid} ${hostname()}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Breaks the lock if it is stale; true when it did (or the lock was gone). */
async function breakIfStale(lockPath: string, options: FileLockOptions, now: () => number): Promise<boolean> {
  const { staleMs = 30_000, unknownOwnerStaleMs = 5_000, isProcessAlive = processIsAlive } = options;
  let judged: { ino: number; dev: number; mtimeMs: number };
  try {
    judged = await stat(lockPath);
  } catch {
    return true;
  }
  const ageMs = now() - judged.mtimeMs;
  const ownerText = await readOwnerText(lockPath);
  const owner = parseOwner(ownerText);
  let stale: boolean;
  if (owner === undefined || owner.host !== hostname()) stale = ageMs > unknownOwnerStaleMs;
  else if (owner.pid !== process.pid && !isProcessAlive(owner.pid)) stale = true;
  else stale = ageMs > staleMs;
  if (!stale) return false;
  // Move it aside before deleting: of several processes that saw it stale, exactly one wins the rename.
  const asidePath = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(lockPath, asidePath);
  } catch {
    return false;
  }
  try {
    const moved = await stat(asidePath);
    const sameFile =
      moved.ino === judged.ino && moved.dev === judged.dev && moved.mtimeMs === judged.mtimeMs && (await readOwnerText(asidePath)) === ownerText;
    // Not the file judged stale: another process took the lock after our check. Give it back.
    if (!sameFile) {
      await link(asidePath, lockPath).catch(() => undefined);
      return false;
    }
    return true;
  } finally {
    await unlink(asidePath).catch(() => undefined);
  }
}

async function readOwnerText(lockPath: string): Promise<string | undefined> {
  try {
    const read = await readRegularFile(lockPath, 512);
    return read.ok ? read.text : undefined;
  } catch {
    return undefined;
  }
}

function parseOwner(text: string | undefined): LockOwner | undefined {
  if (text === undefined) return undefined;
  const [pidText, host] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
  return { pid, host: host ?? hostname() };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return errorCode(error) !== 'ESRCH';
  }
}

