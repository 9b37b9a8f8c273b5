import type { CodexSessionResult } from './run-codex-session.js';

/** A readable summary of a live session: what Codex sent, what the collector made of it, and where it was recorded. */
export function summarizeSession(session: CodexSessionResult, recordedTo: string): string {
  const lines: string[] = [];
  const { meta, jsonrpc, analyticsRequests } = session.recording;
  lines.push(
    `conformance: Codex ${meta.codexVersion} on ${meta.platform}${meta.name === undefined ? '' : `, scenario ${meta.name}`}: ${jsonrpc.length} JSON-RPC messages, ${analyticsRequests.length} analytics request(s)`,
  );
  lines.push(`  turns: ${session.turns.map((turn) => turn.status).join(', ') || 'none'}; model requests: ${meta.modelRequests?.map((request) => request.answered).join(', ') || 'none'}`);
  const counts = new Map<string, number>();
  for (const request of analyticsRequests) {
    const events = (request.body as { events?: unknown }).events;
    for (const event of Array.isArray(events) ? events : []) {
      const type = String((event as { event_type?: unknown }).event_type);
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
  }
  lines.push(`  event types sent: ${[...counts].map(([type, count]) => `${type} x${count}`).join(', ') || 'none'}`);
  lines.push(`  collector answered: ${session.analyticsStatuses.join(', ') || 'nothing'}; stored ${session.storedEvents.length} event(s)`);
  const { drift } = session.collectorStats;
  const driftText = Object.entries(drift.byEventType)
    .map(([type, counts]) => `${type}: ${Object.keys(counts.keys).join(', ')}`)
    .join('; ');
  lines.push(`  today's wire format: ${drift.currentEraEvents} event(s); drift (keys no era knows): ${driftText || 'none'}`);
  lines.push(`  other requests (on 127.0.0.1): ${session.otherRequests.length}; tunnels refused: ${session.blockedTunnels.join(', ') || 'none'}`);
  lines.push(`  app-server exit: ${session.exit.killed ? 'killed after the grace period' : `code ${session.exit.code ?? session.exit.signal}`}`);
  lines.push(`  recording: ${recordedTo}`);
  return lines.join('\n');
}
