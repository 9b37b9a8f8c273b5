import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import { createTestHttp } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { runCli } from './run-cli.js';

function capture() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), text: () => text };
}

describe('runCli', () => {
  let folder: string;
  const http = createTestHttp();

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'collector-cli-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  afterAll(async () => {
    await http.close();
  });

  it('--strict refuses an event with a key the seed era does not know; without it the event is accepted as drift', async () => {
    for (const [args, status] of [
      [['--strict'], 400],
      [[], 200],
    ] as const) {
      let stop: (signal: string) => void = () => undefined;
      let started: (collector: Collector) => void = () => undefined;
      const running = new Promise<Collector>((resolve) => (started = resolve));
      const exit = runCli(['--port', '0', ...args], {
        stdout: capture(),
        stderr: capture(),
        waitForShutdown: () => new Promise((resolve) => (stop = resolve)),
        onStarted: (collector) => started(collector),
      });
      const collector = await running;
      const event = hookRunEvent() as unknown as { event_params: Record<string, unknown> };
      event.event_params.session_id = 'session-1';
      expect((await http.postEvents(collector, [event as never])).status).toBe(status);
      stop('SIGTERM');
      expect(await exit).toBe(0);
    }
  });

  it('prints its URL, serves until the shutdown signal, then closes and returns 0 with the file flushed', async () => {
    const stdout = capture();
    const stderr = capture();
    const out = join(folder, 'events.ndjson');
    let stop: (signal: string) => void = () => undefined;
    let started: (collector: Collector) => void = () => undefined;
    const running = new Promise<Collector>((resolve) => (started = resolve));

    const exit = runCli(['--port', '0', '--host', '127.0.0.1', '--out', out], {
      stdout,
      stderr,
      waitForShutdown: () => new Promise((resolve) => (stop = resolve)),
      onStarted: (collector) => started(collector),
    });
    const collector = await running;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout.text())?.[1];
    expect(url).toBe(collector.url);
    expect((await http.postEvents(collector, [hookRunEvent()])).status).toBe(200);
    stop('SIGTERM');

    expect(await exit).toBe(0);
    expect(stdout.text()).toContain('SIGTERM, stopped with 1 events stored');
    expect(stderr.text()).toBe('');
    expect(readFileSync(out, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { event: unknown }).event)).toEqual([hookRunEvent()]);
    await expect(http.send(`${url}/api/stats`)).rejects.toThrow();
  });

  it.each([
    [['--port', 'eighty'], '--port must be'],
    [['--nope'], "Unknown option '--nope'"],
    [['extra'], 'Unexpected argument'],
  ])('answers %j with a usage error and exit code 2', async (argv, message) => {
    const stderr = capture();

    expect(await runCli(argv, { stdout: capture(), stderr })).toBe(2);
    expect(stderr.text()).toContain(message);
    expect(stderr.text()).toContain('Usage: codex-analytics-collector');
  });

  it('prints the usage for --help', async () => {
    const stdout = capture();

    expect(await runCli(['--help'], { stdout, stderr: capture() })).toBe(0);
    expect(stdout.text()).toContain('--out FILE');
  });

  it('returns 1 when it cannot listen', async () => {
    const stderr = capture();

    expect(await runCli(['--port', '0', '--host', '203.0.113.1'], { stdout: capture(), stderr, waitForShutdown: () => new Promise(() => undefined) })).toBe(1);
    expect(stderr.text()).toContain('codex-analytics-collector:');
  });
});

describe('the codex-analytics-collector bin', () => {
  let folder: string;
  let cliFile: string;
  const http = createTestHttp();

  // The bin built from this source the way tsup builds dist/cli.js (hashbang included), but bundled with its
  // dependencies into a temporary folder, so the test runs without a prior build.
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'collector-bin-'));
    await build({
      config: false,
      entry: { cli: fileURLToPath(new URL('./cli.ts', import.meta.url)) },
      outDir: folder,
      format: ['cjs'],
      platform: 'node',
      target: 'node20',
      noExternal: [/.*/],
      dts: false,
      sourcemap: false,
      silent: true,
    });
    cliFile = join(folder, 'cli.cjs');
  }, 60_000);

  afterAll(async () => {
    await http.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts as a process, prints its URL and exits 0 on SIGTERM with the file flushed', async () => {
    const out = join(folder, 'events.ndjson');
    const child = spawn(process.execPath, [cliFile, '--port', '0', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const response = await http.send(`${url}/codex/analytics-events/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'chatgpt-account-id': 'a' },
      body: JSON.stringify({ events: [hookRunEvent('thread-bin')] }),
    });
    expect(response.status).toBe(200);
    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(stdout).toContain('SIGTERM, stopped with 1 events stored');
    expect(JSON.parse(readFileSync(out, 'utf8').trim()).event).toEqual(hookRunEvent('thread-bin'));
  });
});
