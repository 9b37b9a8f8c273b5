import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codexVersionToRun, PINNED_CODEX_VERSION } from './codex-version.js';
import { codexBinaryIn, codexCacheRoot, ensureCodex } from './ensure-codex.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the Codex version to check', () => {
  it('is the pinned exact version unless CODEX_VERSION names another', () => {
    expect(PINNED_CODEX_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(codexVersionToRun({})).toBe(PINNED_CODEX_VERSION);
    expect(codexVersionToRun({ CODEX_VERSION: ' 0.170.0 ' })).toBe('0.170.0');
  });

  it('refuses a range or a tag: the check is always against one exact release', () => {
    for (const bad of ['latest', '^0.169.0', '0.169', '0.169.x']) expect(() => codexVersionToRun({ CODEX_VERSION: bad })).toThrow(/exact version/);
  });
});

describe('the on-demand install', () => {
  it('lives in the user cache unless told otherwise', () => {
    expect(codexCacheRoot({ CODEX_ANALYTICS_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(codexCacheRoot({ XDG_CACHE_HOME: '/cache' })).toBe(join('/cache', 'codex-analytics'));
  });

  it('retries when the registry has no such version, then fails with what to do, and leaves no half-finished install behind', async () => {
    let hits = 0;
    const registry = createServer((_request, response) => {
      hits += 1;
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"Not found"}');
    });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => registry.close(() => resolve())));
    const cacheRoot = mkdtempSync(join(tmpdir(), 'codex-cache-test-'));
    cleanups.push(() => rmSync(cacheRoot, { recursive: true, force: true }));
    const npmCache = mkdtempSync(join(tmpdir(), 'npm-cache-test-'));
    cleanups.push(() => rmSync(npmCache, { recursive: true, force: true }));
    const { port } = registry.address() as AddressInfo;

    const install = ensureCodex({
      version: '0.0.1-conformance-test',
      cacheRoot,
      attempts: 2,
      attemptTimeoutMs: 60_000,
      env: {
        ...process.env,
        npm_config_registry: `http://127.0.0.1:${port}/`,
        npm_config_cache: npmCache,
      },
    });

    await expect(install).rejects.toThrow(/@openai\/codex@0\.0\.1-conformance-test .* after 2 attempts[\s\S]*attempt 1:[\s\S]*attempt 2:[\s\S]*npm config get registry/);
    expect(hits).toBeGreaterThanOrEqual(2);
    expect(existsSync(codexBinaryIn(join(cacheRoot, 'codex-0.0.1-conformance-test')))).toBe(false);
    expect(readdirSync(cacheRoot)).toEqual([]);
  }, 180_000);
});
