import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Invariant: an exit status that tells the truth. A program awaiting `drained()` (the README's backpressure loop, the
// replay bin) is never abandoned by the runtime while facts are undelivered: it runs on, then says what was not
// delivered and exits non-zero. Each case runs in a real Node process against the built package and a closed port.

const dist = join(import.meta.dirname, '..', '..', 'dist');
let dir: string;
let closedPort: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'codex-analytics-keep-alive-'));
  // A port that was just free on 127.0.0.1: nothing listens there, so every request is refused at once.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A safety net only (the test fails on a hang rather than blocking the run); no assertion reads the time.
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('keep-alive: a program awaiting the client is never abandoned by the runtime', () => {
  it('the README backpressure loop against a dead backend runs on, then reports what was not delivered and exits 1', async () => {
    const script = join(dir, 'loop.mjs');
    writeFileSync(
      script,
      `import { AnalyticsEventsClient, createStaticAuthManager } from ${JSON.stringify(pathToFileURL(join(dist, 'index.js')).href)};
const client = new AnalyticsEventsClient({
  authManager: createStaticAuthManager({ accessToken: 'token', accountId: 'account' }),
  baseUrl: 'http://127.0.0.1:${closedPort}/backend-api/',
  logger: { warn() {} },
  maxPendingFacts: 100,
  initialBackoffMs: 5,
  maxBackoffMs: 20,
});
// A supervisor that stops the client after a while, on an unref'd timer: it is not what keeps the process alive.
setTimeout(() => void client.shutdown({ timeoutMs: 50 }), 300).unref();
const tracking = { modelSlug: 'gpt-5', threadId: 'thread-1', turnId: 'turn-1' };
const hook = { eventName: 'PreToolUse', hookSource: 'project', status: 'completed' };
for (let index = 0; index < 1000; index += 1) {
  client.trackHookRun(tracking, hook);
  if (client.needsDrain) await client.drained();
}
await client.shutdown({ timeoutMs: 50 });
// The running totals: the facts tracked after the supervisor's shutdown count too (dropped as 'shutdown').
const report = client.stats();
const undelivered = report.failed + report.pending + Object.values(report.dropped).reduce((sum, count) => sum + count, 0);
console.log('summary: ' + report.sent + ' sent, ' + undelivered + ' not delivered');
process.exitCode = undelivered === 0 ? 0 : 1;
`,
    );
    const { status, stdout } = await run([script]);
    expect(stdout).toMatch(/^summary: 0 sent, 1000 not delivered\n$/);
    expect(status).toBe(1);
  });

  it('`codex-analytics replay --to` a dead backend keeps running while it paces itself, then exits 1 with its summary', async () => {
    // Enough bytes to reach the client's high-water mark (half of 64 MiB) with its default bounds: 40 app-used facts
    // whose events carry a 1 MB app name, so the replay must wait on drained() for a backend that never answers.
    const file = join(dir, 'big.ndjson');
    const lines = [JSON.stringify({ codexAnalyticsFacts: 1, originator: 'codex_cli_rs', runtime: null })];
    const appName = 'a'.repeat(1_000_000);
    for (let index = 0; index < 40; index += 1) {
      const fact = { type: 'app_used', tracking: { modelSlug: 'gpt-5', threadId: 'thread-1', turnId: `turn-${index}` }, app: { connectorId: `c${index}`, appName, invocationType: 'explicit' } };
      lines.push(JSON.stringify({ seq: index + 1, atMs: 1_716_000_000_000, fact }));
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { status, stderr } = await run(
      [join(dist, 'cli.js'), 'replay', file, '--to', `http://127.0.0.1:${closedPort}/backend-api/`, '--timeout', '300'],
      { CODEX_ANALYTICS_ACCESS_TOKEN: 'token', CODEX_ANALYTICS_ACCOUNT_ID: 'account' },
    );
    expect(stderr).toMatch(/replayed \d+ facts: 0 events sent to http:\/\/127\.0\.0\.1:\d+\/backend-api\/, \d+ not delivered; the backend did not drain the queue within 300 ms, so the facts after line \d+ were not replayed\n$/);
    expect(status).toBe(1);
  });
});
