import type { AuthManager, CodexAuth } from '@codex-analytics/auth';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import type { ClientLogger } from '../client-logger.js';
import { hook, testSetup, tracking } from '../__fixtures__/fixtures.js';

const secret = 'planted-secret-token-7c1d';

function auth(overrides: Partial<CodexAuth> = {}): CodexAuth {
  return {
    kind: 'chatgpt',
    isChatgptAuth: () => true,
    getToken: () => secret,
    getAccountId: () => 'account-planted-42',
    isFedrampAccount: () => false,
    ...overrides,
  };
}

function manager(current: CodexAuth | undefined, header: string | undefined): AuthManager {
  return {
    auth: () => Promise.resolve(current),
    chatgptAuthorizationHeaderForAuth: () => Promise.resolve(header),
    chatgptBearerAuthorizationHeaderForAuth: () => header,
  };
}

const setups = {
  no_auth: () => manager(undefined, `Bearer ${secret}`),
  non_chatgpt_auth: () => manager(auth({ kind: 'apiKey', isChatgptAuth: () => false }), `Bearer ${secret}`),
  no_account_id: () => manager(auth({ getAccountId: () => undefined }), `Bearer ${secret}`),
  no_authorization_header: () => manager(auth(), undefined),
} as const;
type Reason = keyof typeof setups;
const reasons = Object.keys(setups) as Reason[];

function recordingLogger(): ClientLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (message) => lines.push(message) };
}

describe('the send path says once why nothing is sent', () => {
  it.each(reasons)('%s: the first dropped event warns once, with what to do; later drops only count', async (reason) => {
    const logger = recordingLogger();
    const { options, transport } = testSetup({ authManager: setups[reason](), logger });
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking('turn-1'), hook);
    await client.flush();
    client.trackHookRun(tracking('turn-2'), hook);
    client.trackHookRun(tracking('turn-3'), hook);
    const report = await client.shutdown();

    expect(transport.requests).toEqual([]);
    expect(report.sent).toBe(0);
    expect(report.dropped[reason]).toBe(3);
    expect(logger.lines).toHaveLength(1);
    const [line] = logger.lines;
    expect(line).toContain('analytics events are not sent');
    expect(line).toContain(`dropped.${reason} in the report`);
    expect(line).toContain('codex login');
    expect(line).not.toContain(secret);
    expect(line).not.toContain('account-planted-42');
  });

  it('no_auth names $CODEX_HOME/auth.json with the folder it stands for, and the auth manager to pass instead', async () => {
    const logger = recordingLogger();
    const { options } = testSetup({ authManager: setups.no_auth(), logger });
    const client = new AnalyticsEventsClient(options);
    client.trackHookRun(tracking(), hook);
    await client.shutdown();
    expect(logger.lines[0]).toMatch(/no credentials were found at \$CODEX_HOME\/auth\.json \(/);
    expect(logger.lines[0]).toContain(process.env.CODEX_HOME ?? '.codex');
    expect(logger.lines[0]).toContain('authManager');
  });

  it('warns once per reason, whatever mix of reasons and how many events each drop carries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...reasons, 'ok' as const), { minLength: 1, maxLength: 12 }), async (sequence) => {
        let step = 0;
        const current = (): Reason | 'ok' => sequence[Math.min(step, sequence.length - 1)]!;
        const switching: AuthManager = {
          auth: () => (current() === 'ok' ? Promise.resolve(auth()) : setups[current() as Reason]().auth()),
          chatgptAuthorizationHeaderForAuth: (candidate) =>
            current() === 'ok' ? Promise.resolve(`Bearer ${secret}`) : setups[current() as Reason]().chatgptAuthorizationHeaderForAuth(candidate),
          chatgptBearerAuthorizationHeaderForAuth: () => undefined,
        };
        const logger = recordingLogger();
        const { options } = testSetup({ authManager: switching, logger });
        const client = new AnalyticsEventsClient(options);
        for (step = 0; step < sequence.length; step += 1) {
          client.trackHookRun(tracking(`turn-${step}`), hook);
          await client.flush();
        }
        const report = await client.shutdown();
        const seen = new Set(sequence.filter((entry): entry is Reason => entry !== 'ok'));
        expect(logger.lines, JSON.stringify(logger.lines, null, 1)).toHaveLength(seen.size);
        for (const reason of seen) {
          expect(logger.lines.filter((line) => line.includes(`dropped.${reason} in the report`)), reason).toHaveLength(1);
          expect(report.dropped[reason]).toBe(sequence.filter((entry) => entry === reason).length);
        }
        expect(logger.lines.join('\n')).not.toContain(secret);
      }),
      { numRuns: 40 },
    );
  });
});
