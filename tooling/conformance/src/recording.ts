import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The recording format agreed with the consumers (tooling/conformance/recordings/codex-<version>/):
// meta.json, jsonrpc.ndjson (one JSON-RPC message per line, both ways, in order) and analytics-requests.ndjson
// (one POST the real Rust client made to the collector per line, credentials redacted).

export interface RecordingMeta {
  codexVersion: string;
  recordedAt: string;
  platform: string;
  scenario: string[];
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

export function recordingDir(version: string, root = recordingsRoot): string {
  return join(root, `codex-${version}`);
}

/** The versions that have a committed recording. */
export function recordedVersions(root = recordingsRoot): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => name.startsWith('codex-') && existsSync(join(root, name, 'meta.json')))
    .map((name) => name.slice('codex-'.length))
    .sort();
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
