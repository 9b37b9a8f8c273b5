import { createStaticAuthManager } from '@codex-analytics/auth';
import { AnalyticsEventsClient } from '@codex-analytics/client';
import type { DeliveryReport } from '@codex-analytics/client';
import { startCollector } from '@codex-analytics/collector';
import type { Collector } from '@codex-analytics/collector';
import { EVENT_TYPES, trackEventRequestSchema } from '@codex-analytics/events';
import type { EventType } from '@codex-analytics/events';
import { EXPECTED_EVENT_COUNTS, playCodexSession } from './codex-session.js';

export interface DemoResult {
  collector: Collector;
  report: DeliveryReport;
  received: Record<EventType, number>;
  expected: Readonly<Record<EventType, number>>;
  /** Indices of received events that failed the events schema (empty when all passed). */
  invalidEvents: number[];
  /** True when every type arrived in the expected count, all events passed the schema, and nothing was lost. */
  ok: boolean;
}

export interface DemoOptions {
  port?: number;
  shutdownTimeoutMs?: number;
}

/** Starts the collector, plays the scripted session through the real client into it, and shuts the client down. */
export async function runDemoSession(options: DemoOptions = {}): Promise<DemoResult> {
  const collector = await startCollector({ port: options.port ?? 0, logger: { warn: () => undefined } });
  const client = new AnalyticsEventsClient({
    authManager: createStaticAuthManager({ accessToken: 'demo-access-token', accountId: 'demo-account' }),
    baseUrl: `${collector.url}/backend-api/`,
  });
  playCodexSession(client);
  const report = await client.shutdown({ timeoutMs: options.shutdownTimeoutMs ?? 10_000 });

  const stored = collector.events();
  const received = Object.fromEntries(EVENT_TYPES.map((type) => [type, 0])) as Record<EventType, number>;
  const invalidEvents: number[] = [];
  stored.forEach((entry, index) => {
    received[entry.event.event_type] += 1;
    if (!trackEventRequestSchema.safeParse(entry.event).success) invalidEvents.push(index);
  });
  const countsMatch = EVENT_TYPES.every((type) => received[type] === EXPECTED_EVENT_COUNTS[type]);
  const nothingLost = report.failed === 0 && report.pending === 0 && Object.values(report.dropped).every((count) => count === 0);
  return { collector, report, received, expected: EXPECTED_EVENT_COUNTS, invalidEvents, ok: countsMatch && nothingLost && invalidEvents.length === 0 };
}
