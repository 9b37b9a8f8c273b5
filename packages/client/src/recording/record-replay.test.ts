import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import type { AnalyticsEventsClientOptions } from '../client-options.js';
import { parseFactRecording, replayFactRecording } from './fact-recording.js';
import { runCli } from './replay-cli.js';
import type { CliIo } from './replay-cli.js';
import { FakeTransport } from '../__fixtures__/fake-transport.js';
import { chatgptAuth, hook, runtime, tracking } from '../__fixtures__/fixtures.js';
import { playSession } from '../__fixtures__/session.js';
import { startTestServer } from '../__fixtures__/test-server.js';
import type { TestServer } from '../__fixtures__/test-server.js';

let dir: string;
let server: TestServer | undefined;
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await server?.close();
  server = undefined;
});

function recordingClient(path: string, overrides: Partial<AnalyticsEventsClientOptions> = {}) {
  const transport = new FakeTransport();
  const warnings: string[] = [];
  let clock = 1_716_000_000_000;
  const client = new AnalyticsEventsClient({
    authManager: chatgptAuth(),
    baseUrl: 'https://chatgpt.example/backend-api/',
    transport,
    logger: { warn: (message) => warnings.push(message) },
    runtimeMetadata: runtime,
    originator: 'codex_vscode',
    // A clock that moves a second per read: a steer's `created_at` differs from fact to fact.
    now: () => (clock += 1_000),
    reducerOptions: { gitLookup: () => Promise.resolve(undefined) },
    recordFacts: { path },
    ...overrides,
  });
  return { client, transport, warnings };
}

const sortedJson = (events: unknown[]): string[] => events.map((event) => JSON.stringify(event)).sort();

describe('record and replay', () => {
  it('a recorded session replays to the same events the client sent, byte for byte', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-record-'));
    const path = join(dir, 'facts.ndjson');
    const { client, transport } = recordingClient(path);
    playSession(client);
    client.trackFact({ type: 'nonsense' } as never);
    // A steer: its `created_at` is the reducer's clock when the request was reduced, which the replay must reproduce.
    client.trackRequest(1, 'steer-1', { method: 'turn/steer', id: 'steer-1', params: { threadId: 'thread-1', expectedTurnId: 'turn-9', input: [] } });
    client.trackErrorResponse(1, 'steer-1', { code: -32600, message: 'no active turn to steer' }, { kind: 'turn_steer', error: 'no_active_turn' });
    await client.shutdown();
    expect(transport.events.length).toBeGreaterThan(10);
    expect(transport.events.filter((event) => event.event_type === 'codex_turn_steer_event')).toHaveLength(1);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    const header = JSON.parse(text.split('\n')[0]!) as Record<string, unknown>;
    expect(header).toEqual({ codexAnalyticsFacts: 1, originator: 'codex_vscode', runtime, wireEra: 'current' });
    const replayed = await replayFactRecording(text, { gitLookup: () => Promise.resolve(undefined) });
    expect(replayed.issues).toEqual([]);
    // Every fact that passed validation was reduced (the nonsense one was not).
    expect(replayed.facts).toBe(client.stats().reducedFacts);
    expect(replayed.events.map((event) => JSON.stringify(event))).toEqual(transport.events.map((event) => JSON.stringify(event)));
  });

  it('replays in the wire era it was recorded in; a header from before eras (no wireEra) replays in the seed era', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-record-'));
    const path = join(dir, 'facts.ndjson');
    const { client, transport } = recordingClient(path, { wireEra: 'seed' });
    playSession(client);
    await client.shutdown();
    const text = readFileSync(path, 'utf8');
    const [headerLine, ...rest] = text.split('\n');
    const header = JSON.parse(headerLine!) as Record<string, unknown>;
    expect(header.wireEra).toBe('seed');
    const sent = transport.events.map((event) => JSON.stringify(event));
    const replay = async (recording: string) =>
      (await replayFactRecording(recording, { gitLookup: () => Promise.resolve(undefined) })).events.map((event) => JSON.stringify(event));
    expect(await replay(text)).toEqual(sent);
    const { wireEra: _era, ...older } = header;
    expect(await replay([JSON.stringify(older), ...rest].join('\n'))).toEqual(sent);
    // Recorded in today's format, the same session replays in today's format: not the seed's events.
    const today = [JSON.stringify({ ...header, wireEra: 'current' }), ...rest].join('\n');
    expect(await replay(today)).not.toEqual(sent);
  });

  it('stops at maxBytes, says so once, and what it wrote still replays', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-record-'));
    const path = join(dir, 'facts.ndjson');
    const { client, warnings } = recordingClient(path, { recordFacts: { path, maxBytes: 2_000 } });
    playSession(client);
    await client.shutdown();
    const text = readFileSync(path, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2_000);
    expect(warnings.filter((message) => message.includes('2000-byte limit'))).toHaveLength(1);
    const parsed = parseFactRecording(text);
    expect(parsed.issues).toEqual([]);
    expect(parsed.sections[0]!.facts.length).toBeGreaterThan(0);
  });

  it('reports a bad line by number and replays the others; an appended second client is its own section', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-record-'));
    const path = join(dir, 'facts.ndjson');
    for (const originator of ['codex_vscode', 'codex_cli_rs']) {
      const { client } = recordingClient(path, { originator });
      client.trackPluginInstalled({ pluginId: { pluginName: 'docs', marketplaceName: 'curated' }, capabilitySummary: null });
      await client.shutdown();
    }
    writeFileSync(path, `${readFileSync(path, 'utf8')}{broken\n{"atMs":1,"fact":{"type":"hook_run"}}\n`);
    const replayed = await replayFactRecording(readFileSync(path, 'utf8'));
    expect(replayed.events.map((event) => (event.event_params as { product_client_id: string }).product_client_id)).toEqual(['codex_vscode', 'codex_cli_rs']);
    expect(replayed.issues.map((issue) => [issue.line, issue.factType])).toEqual([
      [5, undefined],
      [6, 'hook_run'],
    ]);
  });
});

describe('codex-analytics replay (the bin)', () => {
  function io(env: Record<string, string | undefined> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const cliIo: CliIo = { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text), env };
    return { io: cliIo, out, err };
  }

  it('prints the replayed events as NDJSON, and sends them to a backend with --to', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-record-'));
    const path = join(dir, 'facts.ndjson');
    const { client, transport } = recordingClient(path);
    playSession(client);
    await client.shutdown();

    const printed = io();
    expect(await runCli(['replay', path], printed.io)).toBe(0);
    const lines = printed.out.join('').trim().split('\n');
    expect(lines).toEqual(transport.events.map((event) => JSON.stringify(event)));
    expect(printed.err.join('')).toMatch(/^replayed \d+ facts into \d+ events\n$/);

    server = await startTestServer();
    const sending = io({ CODEX_ANALYTICS_ACCESS_TOKEN: 'cli-token', CODEX_ANALYTICS_ACCOUNT_ID: 'cli-account' });
    expect(await runCli(['replay', path, '--to', server.baseUrl], sending.io)).toBe(0);
    expect(sortedJson(server.accepted())).toEqual(sortedJson(transport.events));
    expect(server.received[0]!.headers['chatgpt-account-id']).toBe('cli-account');
    expect(sending.err.join('')).not.toContain('cli-token');
  });

  it('paces itself by the client\'s backpressure: a recording many times the bounds is sent without a drop', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-record-'));
    const path = join(dir, 'facts.ndjson');
    const { client } = recordingClient(path);
    for (let index = 0; index < 2_000; index += 1) client.trackHookRun(tracking(`turn-${index}`), hook);
    await client.shutdown();
    // A slow backend: each answer takes 2 ms, so the replay outruns it and must wait on drained().
    server = await startTestServer(() => ({ statusCode: 200, delayMs: 2 }));
    const sending = io({ CODEX_ANALYTICS_ACCESS_TOKEN: 'cli-token', CODEX_ANALYTICS_ACCOUNT_ID: 'cli-account' });
    sending.io.limits = { maxPendingFacts: 100, maxBatchEvents: 20, maxInFlightRequests: 1 };
    expect(await runCli(['replay', path, '--to', server.baseUrl], sending.io)).toBe(0);
    expect(server.accepted()).toHaveLength(2_000);
    expect(sending.err.join('')).toMatch(/2000 events sent to .*, 0 not delivered/);
  });

  it('usage errors exit 2 with the usage; an unreadable file exits 1', async () => {
    const none = io();
    expect(await runCli([], none.io)).toBe(2);
    expect(none.out.join('')).toContain('Usage: codex-analytics replay');
    expect(await runCli(['replay'], io().io)).toBe(2);
    expect(await runCli(['frobnicate'], io().io)).toBe(2);
    expect(await runCli(['replay', 'a', '--to'], io().io)).toBe(2);
    const help = io();
    expect(await runCli(['--help'], help.io)).toBe(0);
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-record-'));
    const missing = io();
    expect(await runCli(['replay', join(dir, 'missing.ndjson')], missing.io)).toBe(1);
    expect(missing.err.join('')).toContain('ENOENT');
  });
});
