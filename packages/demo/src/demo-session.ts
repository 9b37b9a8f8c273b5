import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaticAuthManager } from '@codex-analytics/auth';
import { AnalyticsEventsClient, replayFactRecording } from '@codex-analytics/client';
import type { DeliveryReport } from '@codex-analytics/client';
import { startCollector } from '@codex-analytics/collector';
import type { Collector } from '@codex-analytics/collector';
import { CURRENT_ONLY_EVENT_TYPES, EVENT_TYPES, findUnknownWireKeys, wireEraSchemas } from '@codex-analytics/events';
import { EXPECTED_EVENT_COUNTS, playCodexSession } from './codex-session.js';
import type { DemoEventType } from './codex-session.js';

/** Every event type the demo counts, in the report's order. */
export const DEMO_EVENT_TYPES: readonly DemoEventType[] = [...EVENT_TYPES, ...CURRENT_ONLY_EVENT_TYPES];

export interface DemoResult {
  collector: Collector;
  report: DeliveryReport;
  received: Record<DemoEventType, number>;
  expected: Readonly<Record<DemoEventType, number>>;
  /** Indices of received events that failed today's wire format, or carried a key it does not know (empty when all passed). */
  invalidEvents: number[];
  /** The session's facts, recorded by the client, and whether replaying them gave the events the collector received. */
  recording: { path: string; facts: number; events: number; replayMatches: boolean };
  /** True when every type arrived in the expected count, all events passed the schema, nothing was lost, and the replay matched. */
  ok: boolean;
}

export interface DemoOptions {
  port?: number;
  shutdownTimeoutMs?: number;
  /** Where the client records the session's facts (replaced if it exists). Default: a file in the OS temp folder. */
  recordPath?: string;
}

/** JSON with object keys sorted, so two events compare by content whatever order a store kept their keys in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/**
 * Starts the collector, plays the scripted session through the real client into it (raw JSON-RPC through app-server
 * taps, Codex core's facts through `track*`), records the facts, shuts the client down, and replays the recording.
 */
export async function runDemoSession(options: DemoOptions = {}): Promise<DemoResult> {
  const collector = await startCollector({ port: options.port ?? 0, logger: { warn: () => undefined } });
  const recordPath = options.recordPath ?? join(tmpdir(), `codex-analytics-demo-${process.pid}.ndjson`);
  rmSync(recordPath, { force: true });
  const client = new AnalyticsEventsClient({
    authManager: createStaticAuthManager({ accessToken: 'demo-access-token', accountId: 'demo-account' }),
    baseUrl: `${collector.url}/backend-api/`,
    recordFacts: { path: recordPath },
  });
  playCodexSession(client);
  const report = await client.shutdown({ timeoutMs: options.shutdownTimeoutMs ?? 10_000 });

  const stored = collector.events();
  const received = Object.fromEntries(DEMO_EVENT_TYPES.map((type) => [type, 0])) as Record<DemoEventType, number>;
  const invalidEvents: number[] = [];
  stored.forEach((entry, index) => {
    const type = entry.event.event_type as DemoEventType;
    received[type] = (received[type] ?? 0) + 1;
    if (!wireEraSchemas.current.event.safeParse(entry.event).success || findUnknownWireKeys(entry.event, 'current').length > 0) invalidEvents.push(index);
  });
  const countsMatch = DEMO_EVENT_TYPES.every((type) => received[type] === EXPECTED_EVENT_COUNTS[type]);
  const nothingLost = report.failed === 0 && report.pending === 0 && Object.values(report.dropped).every((count) => count === 0);
  // The recording replays to the same events (as multisets: batches may arrive in any order).
  const replay = await replayFactRecording(readFileSync(recordPath, 'utf8'));
  const replayed = replay.events.map(canonical).sort();
  const arrived = stored.map((entry) => canonical(entry.event)).sort();
  const replayMatches = replay.issues.length === 0 && replayed.length === arrived.length && replayed.every((event, index) => event === arrived[index]);
  const recording = { path: recordPath, facts: replay.facts, events: replay.events.length, replayMatches };
  const ok = countsMatch && nothingLost && invalidEvents.length === 0 && replayMatches;
  return { collector, report, received, expected: EXPECTED_EVENT_COUNTS, invalidEvents, recording, ok };
}
