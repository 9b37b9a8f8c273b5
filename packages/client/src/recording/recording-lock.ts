import { constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { errorCode } from './open-recording-file.js';

export type RecordingLockResult = { ok: true; release: () => Promise<void> } | { ok: false; reason: string };

/** The sidecar that makes one client the only writer of a recording: `<path>.lock`, naming its owner `<pid> <host>`. */
export function recordingLockPath(path: string): string {
  return `${path}.lock`;
}

/** Whether a process of this host is alive: `process.kill(pid, 0)`, where `ESRCH` means dead. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH';
  }
}

/**
 * Takes the recording's lock: the sidecar is created with `O_EXCL` (one creator wins, in this process or any other)
 * and `O_NONBLOCK`, and holds `<pid> <host>`. A lock left by a process of this host that is gone is removed and
 * taken; one held by a live process (this one included: a second client on the same path), by another host, or
 * unreadable, is not, and the reason names its owner. `release()` removes the lock. Never rejects.
 */
export async function acquireRecordingLock(path: string): Promise<RecordingLockResult> {
  const lockPath = recordingLockPath(path);
  const owner = `${process.pid} ${hostname()}`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NONBLOCK, 0o600);
      try {
        await handle.writeFile(`${owner}\n`);
      } finally {
        await handle.close().catch(() => undefined);
      }
      let released = false;
      return {
        ok: true,
        release: async () => {
          if (released) return;
          released = true;
          await unlink(lockPath).catch(() => undefined);
        },
      };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') return { ok: false, reason: `its lock file ${lockPath} cannot be created (${errorCode(error)})` };
    }
    const holder = await readOwner(lockPath);
    if (holder === undefined) continue; // Gone between the two calls: try again.
    const [pidText, host] = holder.split(' ');
    const pid = Number(pidText);
    const here = host === undefined || host === hostname();
    if (here && Number.isSafeInteger(pid) && pid > 0 && !isProcessAlive(pid)) {
      // Left by a process that is gone: broken, then taken with O_EXCL again (a racing taker still wins only once).
      await breakStaleLock(lockPath, holder);
      continue;
    }
    const who = pid === process.pid && here ? 'another client of this process' : `process ${Number.isSafeInteger(pid) ? pid : '?'}${here ? '' : ` on ${host}`}`;
    return { ok: false, reason: `${who} is recording to it (lock file ${lockPath}; remove it if that recording is over)` };
  }
  return { ok: false, reason: `its lock file ${lockPath} keeps changing hands` };
}

/**
 * Removes a lock judged stale, safely against a race: it is first moved aside, and if what was moved is not the
 * lock that was judged (another client took the lock in between), it is linked back in place.
 */
async function breakStaleLock(lockPath: string, judged: string): Promise<void> {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return; // Gone already.
  }
  if ((await readOwner(aside)) !== judged) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/** The lock's first line (at most 256 bytes, read without blocking); `undefined` when it is gone. */
async function readOwner(lockPath: string): Promise<string | undefined> {
  try {
    const handle = await open(lockPath, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) return 'unknown';
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(256), 0, 256, 0);
      return buffer.toString('utf8', 0, bytesRead).split('\n')[0]?.trim() || 'unknown';
    } finally {
      await handle.close().catch(() => undefined);
    }
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? undefined : 'unknown';
  }
}
