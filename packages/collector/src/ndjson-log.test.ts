import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appUsedEvent, hookRunEvent, pluginInstalledEvent } from './__fixtures__/sample-events.js';
import { createTestHttp, testAccessToken } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
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
    openNdjsonAppender(file).close();
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
    openNdjsonAppender(file).close();
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

  it('appends whole lines and ignores appends after close (a request finishing during shutdown)', () => {
    const appender = openNdjsonAppender(file);
    appender.append([storedEvent(1), storedEvent(2)]);
    appender.close();
    appender.append([storedEvent(3)]);

    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });
});
