import { TRACK_EVENTS_PATH } from '@codex-analytics/events';
import { startCollector } from '@codex-analytics/collector';
import type { CollectorStats, StoredEvent } from '@codex-analytics/collector';
import { startAppServerSession } from './app-server-session.js';
import type { ConformanceScenario } from './conformance-scenarios.js';
import { createFakeCodexHome } from './fake-codex-home.js';
import { startLoopbackBackend } from './loopback-backend.js';
import type { BackendRequest } from './loopback-backend.js';
import { redactHeaders } from './recording.js';
import type { AnalyticsRequestRecord, Recording } from './recording.js';
import type { TurnOutcome } from './scenario-steps.js';
import { createScriptedModel } from './scripted-model.js';

export interface CodexSessionResult {
  recording: Recording;
  /** How each turn the scenario drove ended. */
  turns: TurnOutcome[];
  /** Status the collector gave each analytics POST, in order. */
  analyticsStatuses: number[];
  /** Events the collector stored. */
  storedEvents: StoredEvent[];
  collectorStats: CollectorStats;
  /** Requests to anything other than the analytics endpoint (the scripted model, plugins, ...), answered on 127.0.0.1. */
  otherRequests: Array<{ method: string; path: string; status: number }>;
  /** Attempts to reach another host through the proxy trap, all refused. */
  blockedTunnels: string[];
  /** Secrets of the fake `auth.json`, to check the recording for leaks. */
  secrets: readonly string[];
  exit: { code: number | null; signal: string | null; killed: boolean };
  stderrTail: string[];
}

/** The config a scenario's CODEX_HOME gets: a scripted model on loopback, no approvals, no sandbox (no bubblewrap here). */
function codexConfig(loopback: string): string {
  return [
    'model = "gpt-5.1-codex"',
    'model_provider = "conformance"',
    'approval_policy = "never"',
    'sandbox_mode = "danger-full-access"',
    '',
    '[model_providers.conformance]',
    'name = "conformance scripted model"',
    `base_url = "${loopback}/v1"`,
    'wire_api = "responses"',
    'requires_openai_auth = false',
    'request_max_retries = 0',
    'stream_max_retries = 0',
    '',
  ].join('\n');
}

/**
 * Runs one scripted scenario against the real `codex app-server` at `binary`: a collector, a scripted model and a
 * loopback backend on 127.0.0.1, a throwaway CODEX_HOME with a fake ChatGPT login and the scripted model as its
 * provider, and every other address (ChatGPT backend, HTTP(S) proxy) pointing at the loopback backend, so nothing
 * leaves the machine. Every wait is bounded; the process is stopped by closing its stdin, then killed by pid.
 */
export async function runCodexSession(options: {
  binary: string;
  codexVersion: string;
  scenario: ConformanceScenario;
  log?: (line: string) => void;
}): Promise<CodexSessionResult> {
  const { binary, codexVersion, scenario, log = () => {} } = options;
  const startedAt = Date.now();
  const model = createScriptedModel({ startedAt });
  const collector = await startCollector({ logger: { warn: (message) => log(`collector: ${message}`) } });
  const backend = await startLoopbackBackend({ collectorUrl: collector.url, startedAt, model });
  const loopback = backend.url;
  const fakeHome = createFakeCodexHome({ config: codexConfig(loopback) });
  const stderrTail: string[] = [];
  const session = startAppServerSession({
    binary,
    args: ['app-server', '--analytics-default-enabled', '-c', `chatgpt_base_url="${loopback}/backend-api/"`, '-c', 'check_for_update_on_startup=false'],
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
  let turns: TurnOutcome[] = [];
  let failure: unknown;
  try {
    log(`conformance: ${scenario.name}: codex app-server ${codexVersion} started (pid ${session.pid}); backend ${loopback}, collector ${collector.url}`);
    turns = await scenario.drive({ session, model, workDir: fakeHome.workDir, log });
    await waitForAnalytics(backend.requests, scenario.minEvents, 20_000);
  } catch (error) {
    failure = error;
  } finally {
    model.release();
    exit = await session.stop();
    model.close();
    await backend.close();
    await collector.close();
    fakeHome.remove();
  }
  if (failure !== undefined) {
    const reason = failure instanceof Error ? failure.message : JSON.stringify(failure);
    const asked = model.requests.map((request) => `${request.answered} (input: ${request.inputTypes.join(' ')})`).join('; ');
    throw new Error(`conformance scenario ${scenario.name} failed: ${reason}\n  model requests: ${asked || 'none'}\n  app-server stderr (last lines):\n  ${stderrTail.slice(-10).join('\n  ')}`);
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
      meta: {
        codexVersion,
        recordedAt: new Date(startedAt).toISOString(),
        platform: `${process.platform}-${process.arch}`,
        name: scenario.name,
        scenario: [...scenario.steps],
        turns: turns.map(({ status, error }) => ({ status, error })),
        modelRequests: model.requests.map(({ inputTypes, answered }) => ({ inputTypes, answered })),
      },
      jsonrpc: session.traffic,
      analyticsRequests,
    },
    turns,
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

function withoutHost(headers: Record<string, string>): Record<string, string> {
  const { host: _host, ...rest } = headers;
  return rest;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
