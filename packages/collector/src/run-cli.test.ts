import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
    [['--port', '70000'], '--port must be an integer from 0 to 65535'],
    [['--max-body-bytes', '0'], '--max-body-bytes must be'],
    [['--out', ''], '--out needs a file path'],
    [['--nope'], "Unknown option '--nope'"],
    [['extra'], 'Unexpected argument'],
  ])('answers %j with a usage error and exit code 2', async (argv, message) => {
    const stderr = capture();

    expect(await runCli(argv, { stdout: capture(), stderr })).toBe(2);
    expect(stderr.text()).toContain(message);
    expect(stderr.text()).toContain('codex-analytics-collector --help');
  });

  it('prints the usage for --help', async () => {
    const stdout = capture();

    expect(await runCli(['--help'], { stdout, stderr: capture() })).toBe(0);
    expect(stdout.text()).toContain('--out FILE');
  });

  it('returns 1 when it cannot listen', async () => {
    const stderr = capture();

    // Beyond loopback a read token and a writer rule are required (issue 24): given, the listen error is what stops it.
    const argv = ['--port', '0', '--host', '203.0.113.1', '--allow-non-loopback', '--allow-account', 'account-1'];
    const env = { CODEX_ANALYTICS_READ_TOKEN: 'read-token-0123456789' };
    expect(await runCli(argv, { stdout: capture(), stderr, env, waitForShutdown: () => new Promise(() => undefined) })).toBe(1);
    expect(stderr.text()).toContain('codex-analytics-collector: 203.0.113.1 is not an address of this machine; leave --host out');
  });
});

describe('runCli flags and errors', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'collector-cli-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  const run = async (argv: string[]) => {
    const stdout = capture();
    const stderr = capture();
    const code = await runCli(argv, { stdout, stderr, waitForShutdown: () => Promise.resolve('SIGTERM') });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };

  it('prints the version of the package for --version and -v', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await run(['-v'])).stdout).toBe(`${version}\n`);
  });

  it('lists every flag with its short form, the read API and the faults API in --help', async () => {
    const { code, stdout } = await run(['-h']);

    expect(code).toBe(0);
    for (const flag of ['-p, --port', '-H, --host', '-o, --out', '--max-body-bytes', '--strict', '--allow-non-loopback', '-v, --version', '-h, --help']) {
      expect(stdout).toContain(flag);
    }
    for (const route of ['GET    /api/events', 'DELETE /api/events', '/api/stats', '/api/rejections', '/api/stream', '/api/agents', 'POST   /api/faults', 'DELETE /api/faults']) {
      expect(stdout).toContain(route);
    }
    expect(stdout).toContain('failNext');
  });

  it('says to pick another port, or --port 0, when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, stderr } = await run(['--port', String(port)]);

      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port}`);
      expect(stderr).toContain('in use');
      expect(stderr).toContain('--port 0');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a non-loopback --host without --allow-non-loopback, saying which flag to add', async () => {
    const { code, stderr } = await run(['--host', '0.0.0.0']);

    expect(code).toBe(1);
    expect(stderr).toContain('--allow-non-loopback');
  });

  it.each([
    ['a directory', (dir: string) => dir, 'is a directory'],
    ['a named pipe', (dir: string) => makeFifo(join(dir, 'pipe')), 'is a named pipe (FIFO)'],
    ['a character device', () => '/dev/null', 'is a character device'],
    ['a path under a file', (dir: string) => join(makeFile(join(dir, 'file')), 'events.ndjson'), 'not a directory'],
  ])('fails at once, saying which and why, for an --out that is %s', async (_name, makePath, reason) => {
    const out = makePath(folder);

    const { code, stderr } = await run(['--out', out]);

    expect(code).toBe(1);
    expect(stderr).toContain(out);
    expect(stderr).toContain(reason);
  });

  it.skipIf(process.getuid?.() === 0)('fails at once for an --out in a folder it cannot write', async () => {
    const locked = join(folder, 'locked');
    mkdirSync(locked, { mode: 0o500 });

    const { code, stderr } = await run(['--out', join(locked, 'events.ndjson')]);

    expect(code).toBe(1);
    expect(stderr).toContain('not writable');
  });
});

function makeFifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

function makeFile(path: string): string {
  writeFileSync(path, '');
  return path;
}

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
