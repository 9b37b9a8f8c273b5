import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codexVersionToRun } from './codex-version.js';
import { ensureCodex } from './ensure-codex.js';
import type { InstalledCodex } from './ensure-codex.js';
import { recordingDir, writeRecording } from './recording.js';
import { runCodexSession } from './run-codex-session.js';
import type { CodexSessionResult } from './run-codex-session.js';
import { summarizeSession } from './summarize-session.js';

// The live check: the real Codex CLI (installed on demand into the cache, then reused) drives its own analytics
// client into our collector. CODEX_VERSION=x.y.z checks another release; `npm run conformance` (or CONFORMANCE_RECORD=1) writes the recording
// into tooling/conformance/recordings/codex-<version>/ (to commit), otherwise into a temp folder.
const version = codexVersionToRun();

describe(`the real Codex CLI ${version}`, () => {
  let codex: InstalledCodex;
  let session: CodexSessionResult;

  beforeAll(async () => {
    codex = await ensureCodex({ version, log: (line) => console.log(line) });
    session = await runCodexSession({ binary: codex.binary, codexVersion: version, log: (line) => console.log(line) });
    const record = process.env.CONFORMANCE_RECORD === '1' || process.env.npm_lifecycle_event === 'conformance';
    const dir = record ? recordingDir(version) : join(mkdtempSync(join(tmpdir(), 'codex-recording-')), `codex-${version}`);
    writeRecording(dir, session.recording);
    console.log(summarizeSession(session, dir));
  }, 15 * 60_000);

  it('answers the scripted JSON-RPC session and stops when its stdin closes', () => {
    const responses = session.recording.jsonrpc.filter((record) => record.direction === 'from_server' && hasKey(record.message, 'id') && !hasKey(record.message, 'method'));
    const requests = session.recording.jsonrpc.filter((record) => record.direction === 'to_server' && hasKey(record.message, 'id'));
    expect(responses).toHaveLength(requests.length);
    expect(session.exit.code === 0 || session.exit.killed).toBe(true);
  });

  it('sends its analytics to the collector on 127.0.0.1, and nothing leaves the machine', () => {
    expect(session.recording.analyticsRequests.length).toBeGreaterThan(0);
    const types = new Set(session.recording.analyticsRequests.flatMap((request) => eventTypes(request.body)));
    expect([...types]).toEqual(expect.arrayContaining(['codex_thread_initialized', 'codex_turn_event', 'codex_turn_steer_event']));
    // Every request reached our loopback servers (the CLI was given no other address); a tunnel attempt was refused.
    for (const request of session.otherRequests) expect(request.status).toBe(400);
  });

  it('has every analytics request accepted by the collector and every event stored', () => {
    const sent = session.recording.analyticsRequests.flatMap((request) => eventTypes(request.body));
    expect(session.analyticsStatuses).toEqual(session.recording.analyticsRequests.map(() => 200));
    expect(session.storedEvents.map((stored) => stored.event.event_type)).toEqual(sent);
  });

  it('records no credential', () => {
    const recorded = JSON.stringify(session.recording);
    for (const secret of session.secrets) expect(recorded).not.toContain(secret);
    for (const request of session.recording.analyticsRequests) {
      expect(request.headers.authorization).toBe('<redacted>');
      expect(request.headers['chatgpt-account-id']).toBe('<redacted>');
    }
  });
});

function hasKey(value: unknown, key: string): boolean {
  return typeof value === 'object' && value !== null && key in value;
}

function eventTypes(body: unknown): string[] {
  const events = (body as { events?: unknown }).events;
  return Array.isArray(events) ? events.map((event) => String((event as { event_type?: unknown }).event_type)) : [];
}
