import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from './with-file-lock.js';

describe('withFileLock', () => {
  let folder: string;
  let lockPath: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'codex-auth-lock-'));
    lockPath = join(folder, 'auth.json.lock');
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('lets one holder in at a time and removes the lock afterwards', async () => {
    const counter = join(folder, 'counter');
    await writeFile(counter, '0');
    let inside = 0;
    let maxInside = 0;
    const increment = () =>
      withFileLock(lockPath, async () => {
        inside += 1;
        maxInside = Math.max(maxInside, inside);
        const value = Number(await readFile(counter, 'utf8'));
        await new Promise((resolve) => setImmediate(resolve));
        await writeFile(counter, String(value + 1));
        inside -= 1;
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect(maxInside).toBe(1);
    expect(await readFile(counter, 'utf8')).toBe('20');
    await expect(stat(lockPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('releases the lock when the action throws', async () => {
    await expect(withFileLock(lockPath, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withFileLock(lockPath, () => Promise.resolve('again'))).resolves.toBe('again');
  });

  it('breaks a lock left by a crashed process', async () => {
    await writeFile(lockPath, '99999\n');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    await expect(withFileLock(lockPath, () => Promise.resolve('got it'), { staleMs: 30_000 })).resolves.toBe('got it');
  });

  it('gives up on a live lock after the timeout', async () => {
    // Held by another caller of this (live) process.
    await writeFile(lockPath, `${process.pid}\n`);
    let clock = 0;
    const attempt = withFileLock(lockPath, () => Promise.resolve('never'), {
      timeoutMs: 50,
      now: () => clock,
      sleep: () => {
        clock += 20;
        return Promise.resolve();
      },
    });
    await expect(attempt).rejects.toThrow(/timed out after 50 ms waiting for the lock file/);
  });
});
