import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The recording format agreed with the consumers (tooling/conformance/recordings/codex-<version>/, and from 0.171.0
// one folder per scenario: codex-<version>/<scenario>/): meta.json, jsonrpc.ndjson (one JSON-RPC message per line, both ways, in order) and analytics-requests.ndjson
// (one POST the real Rust client made to the collector per line, credentials redacted).

export interface RecordingMeta {
  codexVersion: string;
  recordedAt: string;
  platform: string;
  /** The scenario's name (its folder); absent in the single-session recordings of 0.169.0. */
  name?: string;
  /** The scripted steps, in order. */
  scenario: string[];
  /** How each turn ended, in order. */
  turns?: Array<{ status: string; error: unknown }>;
  /** What the scripted model was asked (input item types) and what it answered, in order. */
  modelRequests?: Array<{ inputTypes: string[]; answered: string }>;
}

export interface JsonRpcRecord {
  seq: number;
  /** `to_server`: what the app-server received; `from_server`: what it sent. */
  direction: 'to_server' | 'from_server';
  /** Milliseconds since the session started. */
  atMs: number;
  message: unknown;
}

export interface AnalyticsRequestRecord {
  seq: number;
  atMs: number;
  method: 'POST';
  path: string;
  /** Lower-cased names; `authorization` and `chatgpt-account-id` are `"<redacted>"`. */
  headers: Record<string, string>;
  body: unknown;
}

export interface Recording {
  meta: RecordingMeta;
  jsonrpc: JsonRpcRecord[];
  analyticsRequests: AnalyticsRequestRecord[];
}

export const REDACTED = '<redacted>';
const redactedHeaders = new Set(['authorization', 'chatgpt-account-id']);

/** Headers as recorded: lower-cased, credentials replaced, the per-run `host` port dropped to a stable value. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    redacted[lower] = redactedHeaders.has(lower) ? REDACTED : value;
  }
  return redacted;
}

/** The committed recordings: `tooling/conformance/recordings`. */
export const recordingsRoot = new URL('../recordings/', import.meta.url).pathname;

/** `recordings/codex-<version>/`, or a scenario's `recordings/codex-<version>/<scenario>/`. */
export function recordingDir(version: string, scenario?: string, root = recordingsRoot): string {
  return scenario === undefined ? join(root, `codex-${version}`) : join(root, `codex-${version}`, scenario);
}

/** One committed session: a version's single recording (0.169.0), or one scenario of a version. */
export interface RecordedSession {
  version: string;
  scenario?: string;
  dir: string;
  /** `0.169.0`, or `0.171.0/exec-command`. */
  label: string;
}

/** Every committed session, versions in order, scenarios in folder order. */
export function recordedSessions(root = recordingsRoot): RecordedSession[] {
  if (!existsSync(root)) return [];
  const sessions: RecordedSession[] = [];
  for (const name of readdirSync(root).filter((entry) => entry.startsWith('codex-')).sort()) {
    const version = name.slice('codex-'.length);
    const dir = join(root, name);
    if (existsSync(join(dir, 'meta.json'))) {
      sessions.push({ version, dir, label: version });
      continue;
    }
    for (const scenario of readdirSync(dir).sort()) {
      const scenarioDir = join(dir, scenario);
      if (existsSync(join(scenarioDir, 'meta.json'))) sessions.push({ version, scenario, dir: scenarioDir, label: `${version}/${scenario}` });
    }
  }
  return sessions;
}

/** The versions that have a committed recording. */
export function recordedVersions(root = recordingsRoot): string[] {
  return [...new Set(recordedSessions(root).map((session) => session.version))];
}

export function writeRecording(dir: string, recording: Recording): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(recording.meta, null, 2)}\n`);
  writeFileSync(join(dir, 'jsonrpc.ndjson'), ndjson(recording.jsonrpc));
  writeFileSync(join(dir, 'analytics-requests.ndjson'), ndjson(recording.analyticsRequests));
}

export function readRecording(dir: string): Recording {
  return {
    meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as RecordingMeta,
    jsonrpc: readNdjson(join(dir, 'jsonrpc.ndjson')) as JsonRpcRecord[],
    analyticsRequests: readNdjson(join(dir, 'analytics-requests.ndjson')) as AnalyticsRequestRecord[],
  };
}

function ndjson(lines: readonly unknown[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}

function readNdjson(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
