import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codexVersionToRun } from './codex-version.js';
import { CONFORMANCE_SCENARIOS } from './conformance-scenarios.js';
import { ensureCodex } from './ensure-codex.js';
import type { InstalledCodex } from './ensure-codex.js';
import { recordingDir, writeRecording } from './recording.js';
import { runCodexSession } from './run-codex-session.js';
import type { CodexSessionResult } from './run-codex-session.js';
import { summarizeSession } from './summarize-session.js';

// The live check: the real Codex CLI (installed on demand into the cache, then reused) runs each scripted scenario
// against a scripted model on loopback and drives its own analytics client into our collector. CODEX_VERSION=x.y.z
// checks another release; `npm run conformance` (or CONFORMANCE_RECORD=1) writes the recordings into
// tooling/conformance/recordings/codex-<version>/<scenario>/ (to commit), otherwise into a temp folder.
const version = codexVersionToRun();
const record = process.env.CONFORMANCE_RECORD === '1' || process.env.npm_lifecycle_event === 'conformance';
const scratch = record ? undefined : mkdtempSync(join(tmpdir(), 'codex-recording-'));
let codex: InstalledCodex | undefined;

async function installedCodex(): Promise<InstalledCodex> {
  codex ??= await ensureCodex({ version, log: (line) => console.log(line) });
  return codex;
}

describe.each(CONFORMANCE_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))(`the real Codex CLI ${version}: %s`, (_name, scenario) => {
  let session: CodexSessionResult;

  beforeAll(async () => {
    const installed = await installedCodex();
    session = await runCodexSession({ binary: installed.binary, codexVersion: version, scenario, log: (line) => console.log(line) });
    const dir = scratch === undefined ? recordingDir(version, scenario.name) : join(scratch, `codex-${version}`, scenario.name);
    writeRecording(dir, session.recording);
    console.log(summarizeSession(session, dir));
  }, 15 * 60_000);

  it('ends each turn as scripted, and answers every request', () => {
    expect(session.turns.map((turn) => turn.status)).toEqual(scenario.turnStatuses);
    const responses = session.recording.jsonrpc.filter((record) => record.direction === 'from_server' && hasKey(record.message, 'id') && !hasKey(record.message, 'method'));
    const requests = session.recording.jsonrpc.filter((record) => record.direction === 'to_server' && hasKey(record.message, 'id'));
    expect(responses).toHaveLength(requests.length);
    expect(session.exit.code === 0 || session.exit.killed).toBe(true);
  });

  it('sends its analytics to the collector on 127.0.0.1, and nothing leaves the machine', () => {
    const types = new Set(session.recording.analyticsRequests.flatMap((request) => eventTypes(request.body)));
    expect([...types]).toEqual(expect.arrayContaining([...scenario.eventTypes]));
    // Every request reached our loopback servers (the CLI was given no other address); a tunnel attempt was refused.
    for (const request of session.otherRequests) expect(request.path.startsWith('/v1/responses') ? 200 : 400).toBe(request.status);
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
