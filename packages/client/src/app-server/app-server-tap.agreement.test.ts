import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { createAppServerTap } from './app-server-tap.js';
import { silentLogger } from '../client-logger.js';
import { FakeTransport } from '../__fixtures__/fake-transport.js';
import { chatgptAuth } from '../__fixtures__/fixtures.js';

// The real Rust client against our tap. The conformance recording (tooling/conformance/recordings/codex-<version>/,
// made by driving the real `codex app-server` into the local collector) holds every JSON-RPC message of the session
// and every event the real client POSTed. Fed the same traffic, the tap and the default reducer must give the
// same `codex_thread_initialized`, `codex_turn_event` and `codex_turn_steer_event`, key by key, for every key the
// seed-era events share with today's; each key allowed to differ is listed, with its reason, in the package README
// ("Agreement with the real Rust client"), and this test checks that list is exactly what differs.

const recordingsRoot = new URL('../../../../tooling/conformance/recordings/', import.meta.url);
/** Every recorded session: 0.169.0's one, and one per scenario from 0.171.0 on. */
const sessions = readdirSync(recordingsRoot)
  .filter((name) => name.startsWith('codex-'))
  .sort()
  .flatMap((name) => {
    const dir = new URL(`${name}/`, recordingsRoot);
    if (existsSync(new URL('meta.json', dir))) return [{ label: name.slice('codex-'.length), dir }];
    return readdirSync(dir)
      .sort()
      .map((scenario) => ({ label: `${name.slice('codex-'.length)}/${scenario}`, dir: new URL(`${scenario}/`, dir) }));
  });

const readNdjson = (dir: URL, name: string): Record<string, unknown>[] =>
  readFileSync(new URL(name, dir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

type WireEvent = { event_type: string; event_params: Record<string, unknown> };
interface JsonRpcRecord {
  direction: 'to_server' | 'from_server';
  atMs: number;
  message: Record<string, unknown>;
}
interface Session {
  meta: { recordedAt: string; platform: string; codexVersion: string };
  jsonrpc: JsonRpcRecord[];
  realEvents: WireEvent[];
}

function readSession(dir: URL): Session {
  return {
    meta: JSON.parse(readFileSync(new URL('meta.json', dir), 'utf8')) as Session['meta'],
    jsonrpc: readNdjson(dir, 'jsonrpc.ndjson') as unknown as JsonRpcRecord[],
    realEvents: readNdjson(dir, 'analytics-requests.ndjson').flatMap((request) => (request.body as { events: WireEvent[] }).events),
  };
}

const COMPARED = ['codex_thread_initialized', 'codex_turn_event', 'codex_turn_steer_event'];

/** The events the tap gives for the recorded traffic, plus the host's runtime block (see the README). */
async function tapEvents({ meta, jsonrpc, realEvents }: Session, wireEra: 'seed' | 'current'): Promise<WireEvent[]> {
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
    wireEra,
    // The host process's runtime: the version it runs and its platform (`linux-x64`); the OS version is the
    // recording machine's, which only that machine knows.
    runtimeMetadata: {
      codex_rs_version: meta.codexVersion,
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
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Agreement with the real Rust client'));
  const rows = [...section.matchAll(/^\| `(codex_[a-z_]+)` \| `([a-z_.]+)` \|/gm)];
  return new Set(rows.map((row) => `${row[1]} ${row[2]}`));
}

/** Events of the real client that only Codex core knows of (no JSON-RPC message carries them): `event_type why`. */
const CORE_ONLY_EVENTS = new Set(['codex_thread_initialized review sub-agent']);

describe.each(sessions.map((session) => [session.label, session.dir] as const))('seed-era agreement with the real Rust client (Codex %s recording)', (_label, dir) => {
  const session = readSession(dir);

  it('gives the same thread, turn and steer events, key by key, except the keys the README lists with their reason', async () => {
    const ours = (await tapEvents(session, 'seed')).filter((event) => COMPARED.includes(event.event_type));
    const realCompared = session.realEvents.filter((event) => COMPARED.includes(event.event_type));
    // A review sub-agent's thread is started inside Codex core: no message of the connection announces it.
    const coreOnly = (event: WireEvent) => event.event_params.subagent_source === 'review';
    const real = realCompared.filter((event) => !coreOnly(event));
    for (const event of realCompared.filter(coreOnly)) expect(CORE_ONLY_EVENTS).toContain(`${event.event_type} review sub-agent`);
    expect(ours.map(identity)).toEqual(real.map(identity));

    const documented = documentedDifferences();
    let sharedKeys = 0;
    const differing: string[] = [];
    for (const [index, event] of ours.entries()) {
      const theirs = real[index]!;
      for (const key of Object.keys(event.event_params)) {
        if (!(key in theirs.event_params)) continue;
        sharedKeys += 1;
        if (JSON.stringify(event.event_params[key]) !== JSON.stringify(theirs.event_params[key])) differing.push(`${event.event_type} ${key}`);
      }
    }
    // Nearly every seed-era key exists today; the comparison is not vacuous.
    expect(sharedKeys).toBeGreaterThanOrEqual(10 * real.length);
    expect([...new Set(differing)].filter((key) => !documented.has(key)).sort()).toEqual([]);
    seenDifferences.push(...differing);
  });
});

const seenDifferences: string[] = [];
describe('the README\'s table of differences', () => {
  it('lists only keys that differ in some recording', () => {
    expect([...documentedDifferences()].filter((key) => !seenDifferences.includes(key)).sort()).toEqual([]);
  });
});

/**
 * Today's events, agreement by key: the keys the tap cannot know from the traffic, by event type (each checked by
 * type: ours is null or of the real value's type); every other key must be equal. See the README.
 */
const CORE_ONLY_KEYS: Record<string, readonly string[]> = {
  codex_thread_initialized: ['is_worktree'],
  codex_turn_event: [
    'critical_path_status',
    'critical_path_duration_ms',
    'critical_path_inference_ms',
    'critical_path_sampling_ms',
    'critical_path_compaction_ms',
    'critical_path_auto_review_ms',
    'critical_path_auto_review_overhead_ms',
    'critical_path_user_wait_ms',
    'critical_path_tools_ms',
    'critical_path_overhead_ms',
    'critical_path_unknown_ms',
    'active_plugin_ids_at_turn_start',
    'voice_session_id',
    'turn_trigger',
    'codex_turn_source',
    'reasoning_summary',
    'guardian_v2_enabled',
    'multi_agent_version',
    'workspace_kind',
    'image_preparations',
    'codex_error_kind',
    'codex_error_http_status_code',
    'usage_limit_window_minutes',
    'before_first_sampling_ms',
    'sampling_ms',
    'compaction_ms',
    'between_sampling_overhead_ms',
    'tool_blocking_ms',
    'after_last_sampling_ms',
    'sampling_request_count',
    'sampling_retry_count',
    'tools_change_count',
  ],
  codex_command_execution_event: ['sandbox_backend', 'originating_response_id', 'subsequent_response_id', 'cell_id', 'parent_call_id'],
  codex_file_change_event: ['originating_response_id', 'subsequent_response_id', 'cell_id', 'parent_call_id'],
};
/** Real events the traffic does not announce: core reports them (trackCompaction, trackSubagentThreadStarted, trackFact). */
const coreOnlyEvent = (event: WireEvent): boolean =>
  event.event_type === 'codex_compaction_event' ||
  event.event_type === 'codex_accepted_line_fingerprints' ||
  event.event_params.subagent_source === 'review';
/** A client-clock timestamp: ours is read when the tap sees the request, theirs when the app-server got it. */
const CLOCK_KEYS = new Set(['explicit_client_interrupt_requested_at_ms']);

const typeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

describe.each(sessions.filter((session) => !session.label.startsWith('0.169')).map((session) => [session.label, session.dir] as const))(
  'today\'s wire format from the tap against the real Rust client (Codex %s recording)',
  (_label, dir) => {
    const session = readSession(dir);

    it('gives every event of the traffic with the real key set and order, equal on every key the traffic carries', async () => {
      const ours = await tapEvents(session, 'current');
      const real = session.realEvents.filter((event) => !coreOnlyEvent(event));
      expect(ours.map(identity)).toEqual(real.map(identity));
      for (const [index, event] of ours.entries()) {
        const theirs = real[index]!;
        expect(Object.keys(event.event_params)).toEqual(Object.keys(theirs.event_params));
        const coreOnly = new Set(CORE_ONLY_KEYS[event.event_type] ?? []);
        for (const [key, value] of Object.entries(event.event_params)) {
          const expected = theirs.event_params[key];
          if (coreOnly.has(key)) {
            if (value !== null) expect(`${key}: ${typeOf(value)}`).toBe(`${key}: ${typeOf(expected)}`);
          } else if (CLOCK_KEYS.has(key) && typeof value === 'number' && typeof expected === 'number') {
            expect(Math.abs(value - expected), key).toBeLessThanOrEqual(5);
          } else {
            expect({ [key]: value }).toEqual({ [key]: expected });
          }
        }
      }
    });
  },
);
