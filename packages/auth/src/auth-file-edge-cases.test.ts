import { execFileSync, spawnSync } from 'node:child_process';
import { lstat, mkdir, readFile, readlink, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatgptAuthJson, createTempCodexHome, readAuthJson, recordingLogger, writeAuthJson } from './__fixtures__/codex-home.js';
import { createAuthManager } from './create-auth-manager.js';
import { createFileAuthStore } from './create-file-auth-store.js';
import { parseAuthFile } from './parse-auth-file.js';
import { MAX_AUTH_FILE_BYTES } from './read-regular-file.js';
import { isRfc3339Timestamp } from './rfc3339.js';
import { withFileLock } from './with-file-lock.js';

let home: Awaited<ReturnType<typeof createTempCodexHome>>;
beforeEach(async () => {
  home = await createTempCodexHome();
});
afterEach(() => home.remove());

/** Resolves with `promise`, or with `'hung'` after `ms` (a guard: the old code never settled). */
function orHung<T>(promise: Promise<T>, ms = 2_000): Promise<T | 'hung'> {
  return Promise.race([promise, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms).unref())]);
}

describe('auth.json that is not a regular file', () => {
  it('a FIFO gives no auth and one clear warning, and never hangs', async () => {
    execFileSync('mkfifo', [home.authFile]);
    const logger = recordingLogger();
    const manager = createAuthManager({ codexHome: home.path, logger });
    expect(await orHung(manager.auth())).toBeUndefined();
    expect(await orHung(manager.auth())).toBeUndefined();
    expect(logger.warnings).toEqual([`ignoring ${home.authFile}: it is a FIFO, not a regular file; continuing without credentials`]);
  });

  it('a symlink to /dev/zero (a device) gives no auth and one warning, without reading it', async () => {
    await symlink('/dev/zero', home.authFile);
    const logger = recordingLogger();
    const before = process.memoryUsage().rss;
    expect(await orHung(createAuthManager({ codexHome: home.path, logger }).auth())).toBeUndefined();
    expect(logger.warnings).toEqual([
      `ignoring ${home.authFile}: it is a character device, not a regular file; continuing without credentials`,
    ]);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('a directory gives no auth and one warning', async () => {
    await mkdir(home.authFile);
    const logger = recordingLogger();
    expect(await createAuthManager({ codexHome: home.path, logger }).auth()).toBeUndefined();
    expect(logger.warnings).toEqual([`ignoring ${home.authFile}: it is a directory, not a regular file; continuing without credentials`]);
  });

  it('updating the agent identity refuses a FIFO with a clear error instead of hanging', async () => {
    execFileSync('mkfifo', [home.authFile]);
    const store = createFileAuthStore({ filePath: home.authFile, logger: recordingLogger() });
    const outcome = await orHung(store.updateAgentIdentity(() => ({ next: { id: 'x' } })).catch((error: Error) => error.message));
    expect(outcome).toBe(`cannot use ${home.authFile}: it is a FIFO, not a regular file; the agent identity was not saved`);
  });
});

describe('auth.json size cap (1 MiB)', () => {
  it('a valid auth.json padded past 1 MiB is not read: no auth, one warning', async () => {
    await writeAuthJson(home.authFile, chatgptAuthJson(undefined, { padding: 'x'.repeat(2 * MAX_AUTH_FILE_BYTES) }));
    const logger = recordingLogger();
    const manager = createAuthManager({ codexHome: home.path, logger });
    expect(await manager.auth()).toBeUndefined();
    expect(await manager.auth()).toBeUndefined();
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(/^ignoring .*auth\.json: it is larger than 1 MiB \(\d+ bytes\); continuing without credentials$/);
  });

  it('a file just under the cap is read', async () => {
    const json = chatgptAuthJson();
    const base = JSON.stringify({ ...json, padding: '' }, null, 2).length;
    await writeAuthJson(home.authFile, { ...json, padding: 'x'.repeat(MAX_AUTH_FILE_BYTES - base - 16) });
    expect((await createAuthManager({ codexHome: home.path, logger: recordingLogger() }).auth())?.kind).toBe('chatgpt');
  });
});

describe('the auth.json lock', () => {
  /** The pid of a process that has exited. */
  function deadPid(): number {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(child.stdout);
  }

  /**
   * A virtual clock that moves only when the lock waits, so the test measures the wait without wall-clock timing.
   * Each wait counts at least `stepMs`, so a 10 s wait takes a hundred turns, not a thousand.
   */
  function virtualTime(stepMs = 100) {
    const clock = { time: Date.now(), waited: 0 };
    return {
      clock,
      now: () => clock.time,
      sleep: (ms: number) => {
        const step = Math.max(ms, stepMs);
        clock.time += step;
        clock.waited += step;
        return new Promise<void>((resolve) => setImmediate(resolve));
      },
    };
  }

  it('breaks a fresh lock left by a crashed process (dead pid on this host) at once, not after 30 s', async () => {
    const lockPath = `${home.authFile}.lock`;
    await writeFile(lockPath, `${deadPid()} ${hostname()}\n`);
    const { clock, now, sleep } = virtualTime();
    await expect(withFileLock(lockPath, () => Promise.resolve('got it'), { now, sleep })).resolves.toBe('got it');
    expect(clock.waited).toBe(0);
  });

  it('breaks a bare-pid lock of a dead process too, and lets an update through well within the wait', async () => {
    await writeAuthJson(home.authFile, chatgptAuthJson());
    await writeFile(`${home.authFile}.lock`, `${deadPid()}\n`);
    const store = createFileAuthStore({ filePath: home.authFile, logger: recordingLogger() });
    await expect(orHung(store.updateAgentIdentity(() => ({ next: { id: 'saved' } })), 5_000)).resolves.toEqual({ id: 'saved' });
    expect((await readAuthJson(home.authFile)).agent_identity).toEqual({ id: 'saved' });
  });

  it('breaks a lock whose owner cannot be checked (another host) after 5 s of age, within the 10 s wait', async () => {
    const lockPath = `${home.authFile}.lock`;
    await writeFile(lockPath, `1 some-other-host\n`);
    const { clock, now, sleep } = virtualTime();
    // A whole second, which every file system stores exactly, so the lock's age is the virtual time waited.
    clock.time = Math.floor(clock.time / 1_000) * 1_000;
    const fresh = new Date(clock.time);
    await utimes(lockPath, fresh, fresh);
    await expect(withFileLock(lockPath, () => Promise.resolve('got it'), { now, sleep })).resolves.toBe('got it');
    expect(clock.waited).toBeGreaterThan(5_000);
    expect(clock.waited).toBeLessThan(10_000);
  });

  it('does not break a fresh lock whose owner is alive', async () => {
    const lockPath = `${home.authFile}.lock`;
    await writeFile(lockPath, `${process.pid} ${hostname()}\n`);
    const { now, sleep } = virtualTime();
    await expect(withFileLock(lockPath, () => Promise.resolve('never'), { now, sleep, timeoutMs: 10_000 })).rejects.toThrow(/timed out/);
    expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
  });

  it('gives a lock back when what it moved aside is not the one it judged stale', async () => {
    const lockPath = `${home.authFile}.lock`;
    await writeFile(lockPath, `${deadPid()} ${hostname()}\n`);
    let swapped = false;
    // Between the staleness check and the rename, another process replaces the lock with its own (live) one; this
    // check then keeps calling its owner dead, so only the give-back can keep the new lock in place.
    const isProcessAlive = (): boolean => {
      if (!swapped) {
        swapped = true;
        execFileSync('sh', ['-c', `rm -f "${lockPath}" && printf '%s %s\\n' ${process.pid} "${hostname()}" > "${lockPath}"`]);
      }
      return false;
    };
    const { now, sleep } = virtualTime();
    await expect(withFileLock(lockPath, () => Promise.resolve('never'), { now, sleep, timeoutMs: 50, isProcessAlive })).rejects.toThrow(/timed out/);
    expect(await readFile(lockPath, 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
  });
});

describe('writes through a symlinked auth.json', () => {
  it('updates the link target and keeps the link', async () => {
    const real = join(home.path, 'dotfiles');
    await mkdir(real);
    const target = join(real, 'auth.json');
    await writeAuthJson(target, chatgptAuthJson());
    await symlink(target, home.authFile);
    const store = createFileAuthStore({ filePath: home.authFile, logger: recordingLogger() });
    await store.updateAgentIdentity(() => ({ next: { id: 'through-the-link' } }));
    expect((await lstat(home.authFile)).isSymbolicLink()).toBe(true);
    expect(await readlink(home.authFile)).toBe(target);
    expect((await readAuthJson(target)).agent_identity).toEqual({ id: 'through-the-link' });
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });
});

describe('strict RFC 3339 for last_refresh', () => {
  it('refuses what Date.parse accepts but RFC 3339 does not', () => {
    for (const bad of ['hello 1', '2025', '2025-04-01', 'April 1, 2025', '2025-13-01T00:00:00Z', '2025-02-29T00:00:00Z', '2025-04-01T24:00:00Z', '2025-04-01T12:00:00']) {
      expect(isRfc3339Timestamp(bad), bad).toBe(false);
      const result = parseAuthFile(JSON.stringify(chatgptAuthJson(undefined, { last_refresh: bad })));
      expect(result, bad).toEqual({ ok: false, field: 'last_refresh', problem: 'expected an RFC 3339 timestamp' });
    }
  });

  it('accepts what Codex writes and the RFC allows', () => {
    for (const good of ['2025-04-01T12:00:00Z', '2025-04-01T12:00:00.123456789Z', '2024-02-29T23:59:60+02:00', '2025-04-01t12:00:00z', '2025-04-01 12:00:00-07:30']) {
      expect(isRfc3339Timestamp(good), good).toBe(true);
      expect(parseAuthFile(JSON.stringify(chatgptAuthJson(undefined, { last_refresh: good }))).ok, good).toBe(true);
    }
  });
});
