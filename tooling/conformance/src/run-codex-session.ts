import { TRACK_EVENTS_PATH } from '@codex-analytics/events';
import { startCollector } from '@codex-analytics/collector';
import type { CollectorStats, StoredEvent } from '@codex-analytics/collector';
import { startAppServerSession } from './app-server-session.js';
import type { JsonRpcMessage } from './app-server-session.js';
import { createFakeCodexHome } from './fake-codex-home.js';
import { startLoopbackBackend } from './loopback-backend.js';
import type { BackendRequest } from './loopback-backend.js';
import { redactHeaders } from './recording.js';
import type { AnalyticsRequestRecord, Recording } from './recording.js';

export interface CodexSessionResult {
  recording: Recording;
  /** Status the collector gave each analytics POST, in order. */
  analyticsStatuses: number[];
  /** Events the collector stored. */
  storedEvents: StoredEvent[];
  collectorStats: CollectorStats;
  /** Requests to anything other than the analytics endpoint (model API, plugins, ...), answered 400 locally. */
  otherRequests: Array<{ method: string; path: string; status: number }>;
  /** Attempts to reach another host through the proxy trap, all refused. */
  blockedTunnels: string[];
  /** Secrets of the fake `auth.json`, to check the recording for leaks. */
  secrets: readonly string[];
  exit: { code: number | null; signal: string | null; killed: boolean };
  stderrTail: string[];
}

/** The client name the session initializes with: upstream uses it as the originator of its own requests. */
export const CONFORMANCE_CLIENT_NAME = 'codex_analytics_conformance';

/** The scripted steps, in order: recorded in `meta.json` as the scenario. */
export const SCENARIO = [
  'initialize',
  'initialized',
  'thread/start',
  'thread/fork before the first turn (no rollout yet: error response)',
  'turn/start (fails: no model API on 127.0.0.1)',
  'thread/fork after the turn',
  'turn/steer with no active turn (rejected)',
  'invalid request (unknown method)',
] as const;

/** Events the scenario makes the real client send; the session waits for them (bounded) before stopping. */
const expectedEventCount = 4;

/**
 * Runs the scripted session against the real `codex app-server` at `binary`: a collector and a loopback backend on
 * 127.0.0.1, a throwaway CODEX_HOME with a fake ChatGPT login, and every address (ChatGPT backend, model API,
 * HTTP(S) proxy) pointing at the loopback backend, so nothing leaves the machine. Every wait is bounded; the process
 * is stopped by closing its stdin, then killed by pid.
 */
export async function runCodexSession(options: { binary: string; codexVersion: string; log?: (line: string) => void }): Promise<CodexSessionResult> {
  const { binary, codexVersion, log = () => {} } = options;
  const startedAt = Date.now();
  const fakeHome = createFakeCodexHome();
  const collector = await startCollector({ logger: { warn: (message) => log(`collector: ${message}`) } });
  const backend = await startLoopbackBackend({ collectorUrl: collector.url, startedAt });
  const stderrTail: string[] = [];
  const loopback = backend.url;
  const session = startAppServerSession({
    binary,
    args: [
      'app-server',
      '--analytics-default-enabled',
      '-c',
      `chatgpt_base_url="${loopback}/backend-api/"`,
      '-c',
      `openai_base_url="${loopback}/v1"`,
      '-c',
      'check_for_update_on_startup=false',
    ],
    cwd: fakeHome.workDir,
    env: {
      PATH: process.env.PATH,
      HOME: fakeHome.home,
      CODEX_HOME: fakeHome.codexHome,
      TMPDIR: process.env.TMPDIR,
      LANG: 'C.UTF-8',
      RUST_LOG: 'warn',
      // Anything that would leave the machine goes through the loopback proxy trap and is refused there.
      HTTP_PROXY: loopback,
      HTTPS_PROXY: loopback,
      ALL_PROXY: loopback,
      http_proxy: loopback,
      https_proxy: loopback,
      all_proxy: loopback,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
    },
    startedAt,
    onStderr: (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 40) stderrTail.shift();
    },
  });

  let exit: CodexSessionResult['exit'] = { code: null, signal: null, killed: false };
  try {
    log(`conformance: codex app-server ${codexVersion} started (pid ${session.pid}); backend ${loopback}, collector ${collector.url}`);
    const initialize = await session.request('initialize', {
      clientInfo: { name: CONFORMANCE_CLIENT_NAME, title: 'codex-analytics conformance', version: '0.1.0' },
      capabilities: { experimentalApi: true },
    });
    expectResult(initialize, 'initialize');
    session.notify('initialized');

    const started = await session.request('thread/start', { cwd: fakeHome.workDir });
    const threadId = stringAt(expectResult(started, 'thread/start'), ['thread', 'id'], 'thread/start');

    // Before the first turn the thread has no rollout to fork from: an error response.
    await session.request('thread/fork', { threadId });

    const turnStart = await session.request('turn/start', { threadId, input: [{ type: 'text', text: 'Say hello.', text_elements: [] }] });
    const turnId = stringAt(expectResult(turnStart, 'turn/start'), ['turn', 'id'], 'turn/start');
    await session.waitForNotification(
      (message) => message.method === 'turn/completed' && stringAtOr(message.params, ['turn', 'id']) === turnId,
      90_000,
      'turn/completed',
    );

    const forked = await session.request('thread/fork', { threadId });
    const forkedThreadId = stringAt(expectResult(forked, 'thread/fork'), ['thread', 'id'], 'thread/fork');

    await session.request('turn/steer', { threadId: forkedThreadId, input: [{ type: 'text', text: 'And goodbye.', text_elements: [] }], expectedTurnId: turnId });
    await session.requestRaw({ method: 'conformance/noSuchMethod', params: { reason: 'an invalid request' } });

    await waitForAnalytics(backend.requests, expectedEventCount, 20_000);
  } finally {
    exit = await session.stop();
    await backend.close();
    await collector.close();
    fakeHome.remove();
  }

  const analytics = backend.requests.filter((request) => request.method === 'POST' && request.path === `/backend-api${TRACK_EVENTS_PATH}`);
  const analyticsRequests: AnalyticsRequestRecord[] = analytics.map((request, index) => ({
    seq: index + 1,
    atMs: request.atMs,
    method: 'POST',
    path: request.path,
    headers: redactHeaders(withoutHost(request.headers)),
    body: JSON.parse(request.body.toString('utf8')) as unknown,
  }));
  return {
    recording: {
      meta: { codexVersion, recordedAt: new Date(startedAt).toISOString(), platform: `${process.platform}-${process.arch}`, scenario: [...SCENARIO] },
      jsonrpc: session.traffic,
      analyticsRequests,
    },
    analyticsStatuses: analytics.map((request) => request.status),
    storedEvents: collector.events(),
    collectorStats: collector.stats(),
    otherRequests: backend.requests.filter((request) => !analytics.includes(request)).map(({ method, path, status }) => ({ method, path, status })),
    blockedTunnels: [...backend.blockedTunnels],
    secrets: fakeHome.secrets,
    exit,
    stderrTail,
  };
}

/** Waits (bounded) until the analytics POSTs hold `count` events and then no new POST came for a moment. */
async function waitForAnalytics(requests: readonly BackendRequest[], count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const eventsSoFar = () =>
    requests
      .filter((request) => request.method === 'POST' && request.path.endsWith(TRACK_EVENTS_PATH))
      .reduce((sum, request) => sum + eventCount(request.body), 0);
  while (Date.now() < deadline && eventsSoFar() < count) await sleep(100);
  // Then a quiet second with no new analytics POST, for anything sent right after.
  let seen = eventsSoFar();
  let lastChange = Date.now();
  while (Date.now() < deadline && Date.now() - lastChange < 1_000) {
    await sleep(100);
    if (eventsSoFar() !== seen) {
      seen = eventsSoFar();
      lastChange = Date.now();
    }
  }
}

function eventCount(body: Buffer): number {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { events?: unknown };
    return Array.isArray(parsed.events) ? parsed.events.length : 0;
  } catch {
    return 0;
  }
}

function expectResult(message: JsonRpcMessage, what: string): unknown {
  if (message.error !== undefined) throw new Error(`${what} failed: ${message.error.code} ${message.error.message}`);
  return message.result;
}

function stringAt(value: unknown, path: readonly string[], what: string): string {
  const found = stringAtOr(value, path);
  if (found === undefined) throw new Error(`${what}: the result has no ${path.join('.')}`);
  return found;
}

function stringAtOr(value: unknown, path: readonly string[]): string | undefined {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' ? current : undefined;
}

function withoutHost(headers: Record<string, string>): Record<string, string> {
  const { host: _host, ...rest } = headers;
  return rest;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
