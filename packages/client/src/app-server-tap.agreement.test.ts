import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import { createAppServerTap } from './app-server-tap.js';
import { silentLogger } from './client-logger.js';
import { FakeTransport } from './__tests__/fake-transport.js';
import { chatgptAuth } from './__tests__/fixtures.js';

// The real Rust client against our tap. The conformance recording (tooling/conformance/recordings/codex-<version>/,
// made by driving the real `codex app-server` into the local collector) holds every JSON-RPC message of the session
// and every event the real client POSTed. Fed the same traffic, the tap and the default reducer must give the
// same `codex_thread_initialized`, `codex_turn_event` and `codex_turn_steer_event`, key by key, for every key the
// seed-era events share with today's; each key allowed to differ is listed, with its reason, in the package README
// ("Agreement with the real Rust client"), and this test checks that list is exactly what differs.

const CODEX_VERSION = '0.169.0';
const recordingDir = new URL(`../../../tooling/conformance/recordings/codex-${CODEX_VERSION}/`, import.meta.url);
const readNdjson = (name: string): Record<string, unknown>[] =>
  readFileSync(new URL(name, recordingDir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

type WireEvent = { event_type: string; event_params: Record<string, unknown> };
interface JsonRpcRecord {
  direction: 'to_server' | 'from_server';
  atMs: number;
  message: Record<string, unknown>;
}

const meta = JSON.parse(readFileSync(new URL('meta.json', recordingDir), 'utf8')) as { recordedAt: string; platform: string };
const jsonrpc = readNdjson('jsonrpc.ndjson') as unknown as JsonRpcRecord[];
const realEvents = readNdjson('analytics-requests.ndjson').flatMap((request) => (request.body as { events: WireEvent[] }).events);
const COMPARED = ['codex_thread_initialized', 'codex_turn_event', 'codex_turn_steer_event'];

/** The events the tap gives for the recorded traffic, plus what Codex core supplies (see the README). */
async function tapEvents(): Promise<WireEvent[]> {
  const startedAt = Date.parse(meta.recordedAt);
  let atMs = startedAt;
  const transport = new FakeTransport();
  const realRuntime = realEvents[0]!.event_params.runtime as Record<string, string>;
  const client = new AnalyticsEventsClient({
    authManager: chatgptAuth(),
    baseUrl: 'https://chatgpt.example/backend-api/',
    transport,
    logger: silentLogger,
    now: () => atMs,
    // The host process's runtime: the version it runs and its platform (`linux-x64`); the OS version is the
    // recording machine's, which only that machine knows.
    runtimeMetadata: {
      codex_rs_version: CODEX_VERSION,
      runtime_os: meta.platform.startsWith('linux') ? 'linux' : meta.platform,
      runtime_os_version: realRuntime.runtime_os_version!,
      runtime_arch: meta.platform.endsWith('x64') ? 'x86_64' : 'aarch64',
    },
  });
  const tap = createAppServerTap(client, { connectionId: 0, rpcTransport: 'stdio' });
  for (const record of jsonrpc) {
    atMs = startedAt + record.atMs;
    if (record.direction === 'to_server') tap.toServer(record.message);
    else tap.fromServer(record.message);
    // What only Codex core knows: the turn's token usage (zero here: no model call succeeded on 127.0.0.1).
    const turn = (record.message.result as { turn?: { id: string } } | undefined)?.turn;
    if (record.direction === 'from_server' && turn !== undefined) {
      const threadId = jsonrpc.find((other) => other.direction === 'to_server' && other.message.id === record.message.id)!.message.params as { threadId: string };
      client.trackTurnTokenUsage({
        turnId: turn.id,
        threadId: threadId.threadId,
        tokenUsage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0, totalTokens: 0 },
      });
    }
    // The reducer reads the clock as it ingests (a steer's `created_at`): let it ingest at this message's time.
    await client.flush({ timeoutMs: 1_000 });
  }
  await client.shutdown({ timeoutMs: 1_000 });
  expect(tap.stats().malformed).toBe(0);
  return transport.events as WireEvent[];
}

/** `event_type` + thread + turn: what pairs our event with the real one. */
const identity = (event: WireEvent): string =>
  [event.event_type, event.event_params.thread_id, event.event_params.turn_id ?? event.event_params.expected_turn_id].join(' ');

/** The README's table of keys allowed to differ: `event_type key` for every row. */
function documentedDifferences(): Set<string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Agreement with the real Rust client'));
  const rows = [...section.matchAll(/^\| `(codex_[a-z_]+)` \| `([a-z_.]+)` \|/gm)];
  return new Set(rows.map((row) => `${row[1]} ${row[2]}`));
}

describe(`agreement with the real Rust client (Codex ${CODEX_VERSION} recording)`, () => {
  it('gives the same thread, turn and steer events, key by key, except the keys the README lists with their reason', async () => {
    const ours = (await tapEvents()).filter((event) => COMPARED.includes(event.event_type));
    const real = realEvents.filter((event) => COMPARED.includes(event.event_type));
    expect(ours.map(identity)).toEqual(real.map(identity));
    expect(new Set(real.map((event) => event.event_type))).toEqual(new Set(COMPARED));

    const differing = new Set<string>();
    let sharedKeys = 0;
    for (const [index, event] of ours.entries()) {
      const theirs = real[index]!;
      for (const key of Object.keys(event.event_params)) {
        if (!(key in theirs.event_params)) continue;
        sharedKeys += 1;
        if (JSON.stringify(event.event_params[key]) !== JSON.stringify(theirs.event_params[key])) differing.add(`${event.event_type} ${key}`);
      }
    }
    // Nearly every seed-era key exists today; the comparison is not vacuous.
    expect(sharedKeys).toBeGreaterThan(60);
    expect([...differing].sort()).toEqual([...documentedDifferences()].sort());
  });
});
