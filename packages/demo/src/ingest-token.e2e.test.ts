import { afterEach, describe, expect, it } from 'vitest';
import { createStaticAuthManager } from '@codex-analytics/auth';
import { AnalyticsEventsClient } from '@codex-analytics/client';
import { startCollector } from '@codex-analytics/collector';
import type { Collector } from '@codex-analytics/collector';
import { EXPECTED_EVENT_COUNTS, playCodexSession } from './codex-session.js';

let collector: Collector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

const total = Object.values(EXPECTED_EVENT_COUNTS).reduce((sum, count) => sum + count, 0);
const INGEST = 'team-ingest-token-5e1d8c0b9a2f';

describe('our client against a collector run for a team (an ingest token required)', () => {
  it('with the token every event is stored; without it every request is refused and nothing is stored', async () => {
    const logs: string[] = [];
    collector = await startCollector({ ingestToken: INGEST, logger: { warn: (message) => logs.push(message) } });
    const client = (ingestToken?: string) =>
      new AnalyticsEventsClient({
        authManager: createStaticAuthManager({ accessToken: 'e2e-access-token', accountId: 'e2e-account' }),
        baseUrl: collector!.backendUrl,
        logger: { warn: (message) => logs.push(message) },
        ...(ingestToken === undefined ? {} : { ingestToken }),
      });

    const outsider = client();
    playCodexSession(outsider);
    const refused = await outsider.shutdown({ timeoutMs: 10_000 });
    expect(refused.sent).toBe(0);
    expect(refused.failed).toBe(total);
    expect(collector.events()).toEqual([]);

    const member = client(INGEST);
    playCodexSession(member);
    const accepted = await member.shutdown({ timeoutMs: 10_000 });
    expect(accepted).toEqual({ sent: total, failed: 0, dropped: {}, pending: 0 });
    expect(collector.events()).toHaveLength(total);
    // Neither the bearer nor the ingest token is kept or logged by anyone.
    const everything = JSON.stringify([collector.events(), collector.stats(), logs]);
    expect(everything).not.toContain(INGEST);
    expect(everything).not.toContain('e2e-access-token');
  });
});
