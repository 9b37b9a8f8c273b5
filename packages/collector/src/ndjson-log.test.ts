import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appUsedEvent, hookRunEvent, pluginInstalledEvent } from './__fixtures__/sample-events.js';
import { createTestHttp, testAccessToken } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { nodeNdjsonFileSystem } from './ndjson-file-system.js';
import type { NdjsonFileSystem } from './ndjson-file-system.js';
import { loadNdjsonLog, openNdjsonAppender } from './ndjson-log.js';
import { startCollector } from './start-collector.js';
import type { StoredEvent } from './stored-event.js';

function storedEvent(id: number, event = hookRunEvent()): StoredEvent {
  return { id, requestId: id, receivedAt: 1_700_000_000_000 + id, accountId: 'account-1', authScheme: 'bearer', agentRuntimeId: null, event };
}

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: string) => void warnings.push(message) } };
}

describe('the NDJSON file', () => {
  let folder: string;
  let file: string;
  const collectors: Collector[] = [];
  let http: ReturnType<typeof createTestHttp>;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'collector-ndjson-'));
    file = join(folder, 'nested', 'events.ndjson');
    http = createTestHttp();
  });

  afterEach(async () => {
    await http.close();
    await Promise.all(collectors.splice(0).map((collector) => collector.close()));
    rmSync(folder, { recursive: true, force: true });
  });

  const start = async (logger = recordingLogger().logger) => {
    const collector = await startCollector({ out: file, logger });
    collectors.push(collector);
    return collector;
  };

  it('holds one stored event per line, written before the 200, without the token', async () => {
    const collector = await start();
    await http.postEvents(collector, [hookRunEvent(), appUsedEvent()]);
    await http.postEvents(collector, [pluginInstalledEvent()]);

    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => JSON.parse(line) as unknown)).toEqual(collector.events());
    expect(readFileSync(file, 'utf8')).not.toContain(testAccessToken);
  });

  it('is reloaded on start, and new events continue the numbering', async () => {
    const first = await start();
    await http.postEvents(first, [hookRunEvent('thread-1'), appUsedEvent('thread-2')]);
    const before = first.events();
    await first.close();

    const second = await start();
    expect(second.events()).toEqual(before);
    expect(second.stats()).toMatchObject({ storedEvents: 2, acceptedEvents: 0, requests: 0 });
    expect(second.stats().eventsByType).toMatchObject({ codex_hook_run: 1, codex_app_used: 1 });

    await http.postEvents(second, [pluginInstalledEvent()]);
    expect(second.events().map(({ id, requestId }) => [id, requestId])).toEqual([
      [1, 1],
      [2, 1],
      [3, 2],
    ]);
  });

  it('skips a torn last line with a warning and cuts it off, so the next append starts a clean line', async () => {
    const whole = [storedEvent(1), storedEvent(2, appUsedEvent())].map((stored) => JSON.stringify(stored)).join('\n');
    const torn = JSON.stringify(storedEvent(3)).slice(0, 40);
    const { warnings, logger } = recordingLogger();
    await (await openNdjsonAppender(file, recordingLogger())).close();
    writeFileSync(file, `${whole}\n${torn}`);

    const collector = await start(logger);

    expect(collector.events().map(({ id }) => id)).toEqual([1, 2]);
    expect(warnings).toEqual([expect.stringContaining('torn last line')]);
    expect(readFileSync(file, 'utf8')).toBe(`${whole}\n`);

    await http.postEvents(collector, [pluginInstalledEvent()]);
    await collector.close();
    const reloaded = await loadNdjsonLog(file, logger);
    expect(reloaded.map(({ id, event }) => [id, event.event_type])).toEqual([
      [1, 'codex_hook_run'],
      [2, 'codex_app_used'],
      [3, 'codex_plugin_installed'],
    ]);
    expect(warnings).toHaveLength(1);
  });

  it('skips a complete line that is not a stored event, naming its line number', async () => {
    await (await openNdjsonAppender(file, recordingLogger())).close();
    appendFileSync(file, `${JSON.stringify(storedEvent(1))}\n{"not":"an event"}\nnot json\n\n${JSON.stringify(storedEvent(2))}\n`);
    const { warnings, logger } = recordingLogger();

    const events = await loadNdjsonLog(file, logger);

    expect(events.map(({ id }) => id)).toEqual([1, 2]);
    expect(warnings).toEqual([expect.stringContaining('line 2'), expect.stringContaining('line 3')]);
  });

  it('starts empty when the file does not exist yet, and creates it with its folder', async () => {
    const collector = await start();

    expect(collector.events()).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });

  it('appends whole lines and refuses appends after close (a request finishing during shutdown)', async () => {
    const appender = await openNdjsonAppender(file, recordingLogger());
    const first = appender.append([storedEvent(1), storedEvent(2)]);
    const closing = appender.close();
    expect(await first).toEqual({ ok: true });
    expect(await appender.append([storedEvent(3)])).toMatchObject({ ok: false, reason: 'closed' });
    await closing;

    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('the --out file keeps to itself and never holds half a batch', () => {
  let folder: string;
  let file: string;
  let http: ReturnType<typeof createTestHttp>;
  const collectors: Collector[] = [];

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'collector-out-'));
    file = join(folder, 'events.ndjson');
    http = createTestHttp();
  });

  afterEach(async () => {
    await http.close();
    await Promise.all(collectors.splice(0).map((collector) => collector.close()));
    rmSync(folder, { recursive: true, force: true });
  });

  const start = async (logger = recordingLogger().logger) => {
    const collector = await startCollector({ out: file, logger });
    collectors.push(collector);
    return collector;
  };

  it('is created 0600, and an existing recording readable by others is tightened to 0600', async () => {
    const collector = await start();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await collector.close();

    chmodSync(file, 0o644);
    await start();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a symbolic link at the path, leaving its target untouched', async () => {
    const target = join(folder, 'target.ndjson');
    writeFileSync(target, '', { mode: 0o644 });
    chmodSync(target, 0o644);
    symlinkSync(target, file);

    await expect(startCollector({ out: file, logger: recordingLogger().logger })).rejects.toThrow('symbolic link');
    expect(statSync(target).mode & 0o777).toBe(0o644);
  });

  it.each([
    ['removed', () => rmSync(file)],
    ['replaced', () => renameSync(writeFileAt(join(folder, 'other.ndjson')), file)],
  ])('notices a file %s under it: 503 with Retry-After, nothing stored, warned; the next request records in a new file', async (_name, change) => {
    const { warnings, logger } = recordingLogger();
    const collector = await start(logger);
    expect((await http.postEvents(collector, [hookRunEvent('before')])).status).toBe(200);

    change();
    const refused = await http.postEvents(collector, [appUsedEvent('lost?')]);

    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json().error).toBe('out_unavailable');
    expect(collector.events().map(({ event }) => event.event_type)).toEqual(['codex_hook_run']);
    expect(collector.stats().rejections.out_unavailable).toBe(1);
    expect(warnings).toEqual([expect.stringContaining(file)]);

    expect((await http.postEvents(collector, [appUsedEvent('again')])).status).toBe(200);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines.map((line) => (JSON.parse(line) as StoredEvent).event)).toEqual([appUsedEvent('again')]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a full disk (injected write): the batch is refused and the file cut back, for any place the write fails and any slicing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('ENOSPC', 'EIO', 'short'),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 100, max: 4000 }),
        async (chunkSizes, failure, batchSize, sliceBytes) => {
          rmSync(file, { force: true });
          const { warnings, logger } = recordingLogger();
          // Writes at most the given chunk sizes for real (0: a write that takes nothing), then fails: the disk filled
          // up part-way through the batch, or not before it was all written.
          let call = 0;
          let failed = false;
          const fileSystem: NdjsonFileSystem = {
            ...nodeNdjsonFileSystem,
            write: (fd, buffer, offset, length) => {
              const size = chunkSizes[call++];
              if (size === undefined || size === 0) {
                failed = true;
                if (failure === 'short' || size === 0) return Promise.resolve(0);
                return Promise.reject(Object.assign(new Error(`${failure}: no space left`), { code: failure }));
              }
              return Promise.resolve(writeSync(fd, buffer, offset, Math.min(size, length)));
            },
          };
          const appender = await openNdjsonAppender(file, { logger, fileSystem, sliceBytes });
          const good = await openNdjsonAppender(file, { logger });
          expect(await good.append([storedEvent(1)])).toEqual({ ok: true });
          const before = readFileSync(file);

          const batch = Array.from({ length: batchSize }, (_, index) => storedEvent(index + 2));
          const result = await appender.append(batch);

          if (!failed) {
            expect(result).toEqual({ ok: true });
            expect(readFileSync(file).toString()).toBe(`${before.toString()}${batch.map((stored) => `${JSON.stringify(stored)}\n`).join('')}`);
          } else {
            expect(result).toMatchObject({ ok: false, reason: 'write_failed', retryAfterSeconds: 5 });
            expect(readFileSync(file)).toEqual(before);
            expect(warnings).toHaveLength(1);
          }
          await appender.close();
          await good.close();
        },
      ),
      { numRuns: 100 },
    );
  });
});

function writeFileAt(path: string): string {
  writeFileSync(path, '');
  return path;
}
