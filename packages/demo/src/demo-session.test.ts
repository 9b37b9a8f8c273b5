import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT_TYPES, runDemoSession } from './demo-session.js';
import type { DemoResult } from './demo-session.js';
import { formatDemoReport } from './format-demo-report.js';

let result: DemoResult | undefined;
afterEach(async () => {
  await result?.collector.close();
  result = undefined;
});

describe('the demo session, end to end through the real client into the collector', () => {
  it('delivers the 14 event types and today\'s tool call events, valid in today\'s format, in the expected counts, and loses nothing', async () => {
    result = await runDemoSession();
    for (const type of DEMO_EVENT_TYPES) expect(result.received[type], type).toBe(result.expected[type]);
    expect(result.invalidEvents).toEqual([]);
    const total = Object.values(result.expected).reduce((sum, count) => sum + count, 0);
    expect(result.collector.events()).toHaveLength(total);
    expect(result.report.sent).toBe(total);
    expect(result.report.failed).toBe(0);
    expect(result.report.pending).toBe(0);
    expect(Object.values(result.report.dropped).reduce((sum, count) => sum + count, 0)).toBe(0);
    expect(result.ok).toBe(true);
  });

  it('reports turn 1\'s tool calls in today\'s format: each its own event, counted on the turn, tokens from the traffic', async () => {
    result = await runDemoSession();
    const params = (type: string) => result!.collector.events({ eventType: type }).map((entry) => entry.event.event_params as Record<string, unknown>);
    expect(params('codex_command_execution_event').map((p) => [p.item_id, p.terminal_status, p.exit_code, p.turn_id])).toEqual([
      ['call-build', 'failed', 2, 'turn-1'],
      ['exec-42', 'rejected', null, 'turn-1'],
    ]);
    expect(params('codex_file_change_event').map((p) => [p.item_id, p.file_update_count, p.tool_name])).toEqual([['call-patch', 1, 'apply_patch']]);
    const turn1 = params('codex_turn_event').find((p) => p.turn_id === 'turn-1')!;
    expect(turn1).toMatchObject({ total_tool_call_count: 3, shell_command_count: 2, file_change_count: 1, total_tokens: 51_150, session_id: 'thread-a' });
  });

  it('arrives authenticated with the account id and a bearer scheme, never the token', async () => {
    result = await runDemoSession();
    const stored = result.collector.events();
    expect(new Set(stored.map((entry) => entry.accountId))).toEqual(new Set(['demo-account']));
    expect(new Set(stored.map((entry) => entry.authScheme))).toEqual(new Set(['bearer']));
    expect(JSON.stringify(stored)).not.toContain('demo-access-token');
  });

  it('reports the joined turns as upstream would: completed, failed with its error, interrupted', async () => {
    result = await runDemoSession();
    const turns = result.collector.events({ eventType: 'codex_turn_event' }).map((entry) => entry.event.event_params as Record<string, unknown>)
      .sort((a, b) => String(a.turn_id).localeCompare(String(b.turn_id)));
    expect(turns.map((params) => [params.turn_id, params.status, params.steer_count])).toEqual([
      ['turn-1', 'completed', 0],
      ['turn-2', 'failed', 1],
      ['turn-3', 'interrupted', 0],
    ]);
    expect(turns[1]!.turn_error).toEqual({ responseStreamDisconnected: { httpStatusCode: 502 } });
    expect(turns[2]).toMatchObject({ collaboration_mode: 'plan', personality: null, input_tokens: null, num_input_images: 2 });
  });

  it('records the session, and the recording replays to exactly the events the collector received', async () => {
    result = await runDemoSession();
    expect(result.recording.replayMatches).toBe(true);
    expect(result.recording.events).toBe(result.collector.events().length);
    expect(result.recording.facts).toBeGreaterThan(30);
  });

  it('prints a report that says the run passed', async () => {
    result = await runDemoSession();
    const text = formatDemoReport(result);
    expect(text).toContain('Result: OK');
    expect(text).toMatch(/codex_turn_event\s+3\s+3/);
  });
});
