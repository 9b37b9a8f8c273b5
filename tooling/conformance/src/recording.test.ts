import { describe, expect, it } from 'vitest';
import { PINNED_CODEX_VERSION } from './codex-version.js';
import { readRecording, recordedSessions, recordedVersions, REDACTED } from './recording.js';

// The committed recordings keep the agreed format (their consumers read them without the binary).
describe.each(recordedSessions().map((session) => [session.label, session] as const))('the committed recording of Codex %s', (_label, session) => {
  const recording = readRecording(session.dir);

  it('names its version, platform and scenario', () => {
    expect(recording.meta.codexVersion).toBe(session.version);
    if (session.scenario !== undefined) expect(recording.meta.name).toBe(session.scenario);
    expect(Number.isNaN(Date.parse(recording.meta.recordedAt))).toBe(false);
    expect(recording.meta.platform).not.toBe('');
    expect(recording.meta.scenario.length).toBeGreaterThan(0);
  });

  it('holds the JSON-RPC messages both ways, numbered in order', () => {
    expect(recording.jsonrpc.map((record) => record.seq)).toEqual(recording.jsonrpc.map((_, index) => index + 1));
    for (const [index, record] of recording.jsonrpc.entries()) {
      expect(['to_server', 'from_server']).toContain(record.direction);
      if (index > 0) expect(record.atMs).toBeGreaterThanOrEqual(recording.jsonrpc[index - 1]!.atMs);
    }
    expect(recording.jsonrpc[0]?.message).toMatchObject({ method: 'initialize' });
    expect(recording.jsonrpc.some((record) => record.direction === 'from_server')).toBe(true);
  });

  it('holds the analytics POSTs with their headers, credentials redacted', () => {
    expect(recording.analyticsRequests.length).toBeGreaterThan(0);
    for (const [index, request] of recording.analyticsRequests.entries()) {
      expect(request.seq).toBe(index + 1);
      expect(request).toMatchObject({ method: 'POST', path: '/backend-api/codex/analytics-events/events' });
      expect(request.headers.authorization).toBe(REDACTED);
      expect(request.headers['chatgpt-account-id']).toBe(REDACTED);
      expect(Object.keys(request.headers).every((name) => name === name.toLowerCase())).toBe(true);
      expect(Array.isArray((request.body as { events?: unknown }).events)).toBe(true);
    }
  });
});

describe('the recordings', () => {
  it('include the pinned Codex version', () => {
    expect(recordedVersions()).toContain(PINNED_CODEX_VERSION);
  });
});
