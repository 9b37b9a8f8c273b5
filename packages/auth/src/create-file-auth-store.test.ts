import { readdir, rename, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  chatgptAuthJson,
  createTempCodexHome,
  readAuthJson,
  recordingLogger,
  secretAccessToken,
  secretApiKey,
  writeAuthJson,
} from './__fixtures__/codex-home.js';
import { createAuthManager } from './create-auth-manager.js';
import { createFileAuthStore } from './create-file-auth-store.js';

let home: Awaited<ReturnType<typeof createTempCodexHome>>;
beforeEach(async () => {
  home = await createTempCodexHome();
});
afterEach(() => home.remove());

describe('createAuthManager: reading auth.json', () => {
  it('reads each kind from $CODEX_HOME/auth.json', async () => {
    const logger = recordingLogger();
    const manager = createAuthManager({ codexHome: home.path, logger });
    await writeAuthJson(home.authFile, { OPENAI_API_KEY: secretApiKey });
    expect((await manager.auth())?.kind).toBe('apiKey');
    await writeAuthJson(home.authFile, chatgptAuthJson({ accountId: 'account-1', fedramp: true }));
    const chatgpt = await manager.auth();
    expect([chatgpt?.kind, chatgpt?.getAccountId(), chatgpt?.isFedrampAccount()]).toEqual(['chatgpt', 'account-1', true]);
    await writeAuthJson(home.authFile, chatgptAuthJson(undefined, { auth_mode: 'chatgptAuthTokens' }));
    expect((await manager.auth())?.kind).toBe('chatgptAuthTokens');
    expect(logger.warnings).toEqual([]);
  });

  it('uses $CODEX_HOME when no codexHome is given', async () => {
    vi.stubEnv('CODEX_HOME', home.path);
    try {
      await writeAuthJson(home.authFile, { OPENAI_API_KEY: secretApiKey });
      expect((await createAuthManager({ logger: recordingLogger() }).auth())?.getToken()).toBe(secretApiKey);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('treats a missing file as no auth, silently', async () => {
    const logger = recordingLogger();
    expect(await createAuthManager({ codexHome: home.path, logger }).auth()).toBeUndefined();
    expect(logger.warnings).toEqual([]);
  });

  it('treats a malformed file as no auth with one warning naming the file and the field, and no token', async () => {
    const logger = recordingLogger();
    const manager = createAuthManager({ codexHome: home.path, logger });
    const json = chatgptAuthJson();
    (json.tokens as Record<string, unknown>).access_token = { value: secretAccessToken };
    await writeAuthJson(home.authFile, json);
    const results = await Promise.all([manager.auth(), manager.auth()]);
    expect(await manager.auth()).toBeUndefined();
    expect(results).toEqual([undefined, undefined]);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain(home.authFile);
    expect(logger.warnings[0]).toContain('"tokens.access_token"');
    expect(logger.warnings[0]).not.toContain(secretAccessToken);
  });

  it('does not quote a file that is not JSON', async () => {
    const logger = recordingLogger();
    await writeFile(home.authFile, `{"tokens":{"access_token":"${secretAccessToken}"`);
    expect(await createAuthManager({ codexHome: home.path, logger }).auth()).toBeUndefined();
    expect(logger.warnings).toEqual([`ignoring ${home.authFile}: field "(root)" is not valid JSON; continuing without credentials`]);
  });

  it('warns once about an unreadable file', async () => {
    const logger = recordingLogger();
    // A symlink to itself: every user, root included, gets ELOOP.
    await symlink(home.authFile, home.authFile);
    const manager = createAuthManager({ codexHome: home.path, logger });
    expect(await manager.auth()).toBeUndefined();
    expect(await manager.auth()).toBeUndefined();
    expect(logger.warnings).toEqual([`cannot read ${home.authFile} (ELOOP); continuing without credentials`]);
  });

  it('reports to console.warn by default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await writeFile(home.authFile, '[]');
    expect(await createAuthManager({ codexHome: home.path }).auth()).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain(home.authFile);
  });
});

describe('createAuthManager: reloading a changed auth.json', () => {
  it('serves the cached snapshot while the file is unchanged', async () => {
    await writeAuthJson(home.authFile, chatgptAuthJson());
    const manager = createAuthManager({ codexHome: home.path, logger: recordingLogger() });
    expect(await manager.auth()).toBe(await manager.auth());
  });

  it('reloads when the content changes even if size and mtime stay the same', async () => {
    const fixedTime = new Date('2025-04-01T12:00:00Z');
    await writeAuthJson(home.authFile, chatgptAuthJson({ accountId: 'account-1' }));
    await utimes(home.authFile, fixedTime, fixedTime);
    const manager = createAuthManager({ codexHome: home.path, logger: recordingLogger() });
    expect((await manager.auth())?.getAccountId()).toBe('account-1');
    const before = await stat(home.authFile);
    await writeAuthJson(home.authFile, chatgptAuthJson({ accountId: 'account-2' }));
    await utimes(home.authFile, fixedTime, fixedTime);
    const after = await stat(home.authFile);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect((await manager.auth())?.getAccountId()).toBe('account-2');
  });

  it('reloads after another process replaces the file, and sees a logout', async () => {
    await writeAuthJson(home.authFile, { OPENAI_API_KEY: secretApiKey });
    const manager = createAuthManager({ codexHome: home.path, logger: recordingLogger() });
    expect((await manager.auth())?.kind).toBe('apiKey');
    const replacement = join(home.path, 'auth.json.new');
    await writeAuthJson(replacement, chatgptAuthJson({ accountId: 'refreshed-account' }));
    await rename(replacement, home.authFile);
    expect((await manager.auth())?.getAccountId()).toBe('refreshed-account');
    await writeAuthJson(home.authFile, { OPENAI_API_KEY: null, tokens: null, last_refresh: null });
    expect(await manager.auth()).toBeUndefined();
  });

  it('recovers when a malformed file is fixed, without repeating the warning meanwhile', async () => {
    const logger = recordingLogger();
    const manager = createAuthManager({ codexHome: home.path, logger });
    await writeFile(home.authFile, '{"OPENAI_API_KEY": 7}');
    expect(await manager.auth()).toBeUndefined();
    await utimes(home.authFile, new Date(), new Date(Date.now() + 5_000));
    expect(await manager.auth()).toBeUndefined();
    await writeAuthJson(home.authFile, { OPENAI_API_KEY: secretApiKey });
    expect((await manager.auth())?.getToken()).toBe(secretApiKey);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain('"OPENAI_API_KEY" expected string');
  });
});

describe('createFileAuthStore: writing the identity record', () => {
  it('keeps every other key, writes atomically with mode 0600, and leaves no temporary or lock file', async () => {
    await writeAuthJson(home.authFile, chatgptAuthJson(undefined, { custom_setting: { keep: true } }));
    const store = createFileAuthStore({ filePath: home.authFile, logger: recordingLogger() });
    await store.updateAgentIdentity(() => ({ next: { workspace_id: 'account-1' } }));
    const written = await readAuthJson(home.authFile);
    expect(written).toEqual({ ...chatgptAuthJson(undefined, { custom_setting: { keep: true } }), agent_identity: { workspace_id: 'account-1' } });
    expect((await stat(home.authFile)).mode & 0o777).toBe(0o600);
    expect(await readdir(home.path)).toEqual(['auth.json']);
  });

  it('loses no update when two stores write at once', async () => {
    await writeAuthJson(home.authFile, chatgptAuthJson(undefined, { custom_setting: 1 }));
    const first = createFileAuthStore({ filePath: home.authFile, logger: recordingLogger() });
    const second = createFileAuthStore({ filePath: home.authFile, logger: recordingLogger() });
    const writers = Array.from({ length: 24 }, (_, index) =>
      (index % 2 === 0 ? first : second).updateAgentIdentity((current) => ({
        next: { ...(current as Record<string, unknown> | undefined), [`writer_${index}`]: true },
      })),
    );
    await Promise.all(writers);
    const written = await readAuthJson(home.authFile);
    expect(Object.keys(written.agent_identity as object).sort()).toEqual(Array.from({ length: 24 }, (_, index) => `writer_${index}`).sort());
    expect(written.custom_setting).toBe(1);
    expect(written.tokens).toEqual(chatgptAuthJson().tokens);
    expect((await stat(home.authFile)).mode & 0o777).toBe(0o600);
    expect(await readdir(home.path)).toEqual(['auth.json']);
  });

  it('deletes the record on request and refuses to overwrite a file that is not JSON', async () => {
    await writeAuthJson(home.authFile, { ...chatgptAuthJson(), agent_identity: { workspace_id: 'old' } });
    const store = createFileAuthStore({ filePath: home.authFile, logger: recordingLogger() });
    await store.updateAgentIdentity(() => ({ next: undefined }));
    expect(await readAuthJson(home.authFile)).toEqual(chatgptAuthJson());
    await writeFile(home.authFile, `{"tokens": "${secretAccessToken}`);
    const failure = store.updateAgentIdentity(() => ({ next: { workspace_id: 'new' } }));
    await expect(failure).rejects.toThrow(`${home.authFile} is not valid JSON; the agent identity was not saved`);
    await expect(failure).rejects.not.toThrow(secretAccessToken);
  });
});
