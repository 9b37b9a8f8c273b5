import { DEMO_EVENT_TYPES } from './demo-session.js';
import type { DemoResult } from './demo-session.js';

/** The demo's printout: the delivery report, events received per type against the script, and the schema check. */
export function formatDemoReport(result: DemoResult): string {
  const { report } = result;
  const dropped = Object.entries(report.dropped).filter(([, count]) => count > 0);
  const lines = [
    'Delivery report',
    `  sent ${report.sent}, failed ${report.failed}, pending ${report.pending}, dropped ${dropped.length === 0 ? 0 : dropped.map(([reason, count]) => `${reason} ${count}`).join(', ')}`,
    '',
    'Events received by the collector',
  ];
  const width = Math.max(...DEMO_EVENT_TYPES.map((type) => type.length));
  lines.push(`  ${'event_type'.padEnd(width)}  received  expected`);
  let total = 0;
  for (const type of DEMO_EVENT_TYPES) {
    const received = result.received[type];
    const expected = result.expected[type];
    total += received;
    lines.push(`  ${type.padEnd(width)}  ${String(received).padStart(8)}  ${String(expected).padStart(8)}${received === expected ? '' : '  MISMATCH'}`);
  }
  lines.push(`  ${'total'.padEnd(width)}  ${String(total).padStart(8)}`);
  lines.push('');
  lines.push(
    result.invalidEvents.length === 0
      ? `Schema: all ${total} received events are valid in today's wire format, every key known.`
      : `Schema: ${result.invalidEvents.length} received events FAILED today's wire format (indices ${result.invalidEvents.join(', ')}).`,
  );
  const { recording } = result;
  lines.push(
    recording.replayMatches
      ? `Recording: ${recording.facts} facts in ${recording.path}; replayed, they give the same ${recording.events} events (npx codex-analytics replay ${recording.path}).`
      : `Recording: ${recording.facts} facts in ${recording.path}; the replay gave ${recording.events} events that do NOT match what arrived.`,
  );
  lines.push(result.ok ? 'Result: OK, every event type arrived, validated, nothing lost, and the recording replays to the same events.' : 'Result: FAILED, see above.');
  return lines.join('\n');
}
