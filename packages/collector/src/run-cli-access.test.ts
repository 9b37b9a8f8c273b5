import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearerHeaders, createTestHttp } from './__fixtures__/http-client.js';
import { hookRunEvent } from './__fixtures__/sample-events.js';
import type { Collector } from './collector-options.js';
import { runCli } from './run-cli.js';

function capture() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), text: () => text };
}

const readToken = 'read-token-from-file-0123456789';

describe('runCli access flags', () => {
  let folder: string;
  const http = createTestHttp();

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'collector-cli-access-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });
  afterAll(async () => {
    await http.close();
  });

  const start = async (argv: string[], env: Record<string, string> = {}) => {
    let stop: (signal: string) => void = () => undefined;
    let started: (collector: Collector) => void = () => undefined;
    const running = new Promise<Collector>((resolve) => (started = resolve));
    const stdout = capture();
    const stderr = capture();
    const exit = runCli(['--port', '0', ...argv], {
      stdout,
      stderr,
      env,
      waitForShutdown: () => new Promise((resolve) => (stop = resolve)),
      onStarted: (collector) => started(collector),
    });
    const collector = await Promise.race([running, exit.then(() => undefined)]);
    return { collector, stop: async () => (stop('SIGTERM'), await exit), exit, stdout, stderr };
  };

  it('takes the read token from --read-token-file (or the environment), asks for it with --require-read-token, and never prints it', async () => {
    const file = join(folder, 'read-token');
    writeFileSync(file, `${readToken}\n`);
    for (const [argv, env] of [
      [['--read-token-file', file, '--require-read-token'], {}],
      [['--require-read-token'], { CODEX_ANALYTICS_READ_TOKEN: readToken }],
    ] as const) {
      const run = await start([...argv], env);
      expect((await http.send(`${run.collector!.url}/api/stats`)).status).toBe(401);
      expect((await http.send(`${run.collector!.url}/api/stats`, { headers: { 'x-codex-analytics-read-token': readToken } })).status).toBe(200);
      expect(await run.stop()).toBe(0);
      expect(run.stdout.text() + run.stderr.text()).not.toContain(readToken);
    }
  });

  it('applies --allow-account, --allow-accounts-file and the ingest token of the environment', async () => {
    const accounts = join(folder, 'accounts');
    writeFileSync(accounts, '# the team\naccount-2\n\naccount-3 # a comment\n');
    const run = await start(['--allow-account', 'account-1', '--allow-accounts-file', accounts], {
      CODEX_ANALYTICS_INGEST_TOKEN: 'ingest-token-0123456789abcdef',
    });
    const post = (headers: Record<string, string>) => http.postEvents(run.collector!, [hookRunEvent()], { ...bearerHeaders, ...headers });
    expect((await post({})).status).toBe(200);
    expect((await post({ 'chatgpt-account-id': 'account-3' })).status).toBe(200);
    expect((await post({ 'chatgpt-account-id': 'account-9' })).status).toBe(403);
    expect((await post({ 'chatgpt-account-id': 'account-9', 'x-codex-analytics-ingest-token': 'ingest-token-0123456789abcdef' })).status).toBe(200);
    expect(await run.stop()).toBe(0);
  });

  it('refuses a short token, an unreadable token file and --require-read-token without a token, without echoing a token', async () => {
    const short = join(folder, 'short');
    writeFileSync(short, 'tiny-secret\n');
    const tooShort = await start(['--read-token-file', short]);
    expect(await tooShort.exit).toBe(2);
    expect(tooShort.stderr.text()).toContain('at least 16 characters');
    expect(tooShort.stderr.text()).not.toContain('tiny-secret');

    const missing = await start(['--read-token-file', join(folder, 'nope')]);
    expect(await missing.exit).toBe(2);
    expect(missing.stderr.text()).toContain('cannot read --read-token-file');

    const noToken = await start(['--require-read-token']);
    expect(await noToken.exit).toBe(1);
    expect(noToken.stderr.text()).toContain('needs a read token');
  });

  it('lists the access flags in --help', async () => {
    const stdout = capture();
    expect(await runCli(['--help'], { stdout, stderr: capture() })).toBe(0);
    for (const flag of ['--read-token-file', '--require-read-token', '--ingest-token-file', '--allow-account', '--allow-accounts-file', '--allow-agent-runtime', '--rate-limit-requests', '--rate-limit-bytes', '--trust-proxy', 'CODEX_ANALYTICS_READ_TOKEN', 'CODEX_ANALYTICS_INGEST_TOKEN']) {
      expect(stdout.text()).toContain(flag);
    }
  });

  it('sets the rate limits from the flags; 0 turns them off', async () => {
    const run = await start(['--rate-limit-requests', '1']);
    const statuses: number[] = [];
    for (let index = 0; index < 30; index += 1) statuses.push((await http.postEvents(run.collector!, [hookRunEvent()])).status);
    expect(statuses).toContain(429);
    expect(await run.stop()).toBe(0);
    const bad = await start(['--rate-limit-bytes', 'lots']);
    expect(await bad.exit).toBe(2);
  });
});
