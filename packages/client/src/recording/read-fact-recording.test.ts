import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { replayFactRecording } from './fact-recording.js';
import type { RecordingEntry } from './fact-recording.js';
import { readFactRecording } from './read-fact-recording.js';
import { runCli } from './replay-cli.js';
import type { CliIo, RecordingSource } from './replay-cli.js';
import { FakeTransport } from '../__fixtures__/fake-transport.js';
import { app, chatgptAuth, hook, runtime, tracking } from '../__fixtures__/fixtures.js';
import { playSession } from '../__fixtures__/session.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A recording of a session and many more facts (app names with multi-byte characters), and what the client sent. */
async function bigRecording(extraFacts: number): Promise<{ path: string; events: string[] }> {
  dir = mkdtempSync(join(tmpdir(), 'codex-analytics-stream-'));
  const path = join(dir, 'facts.ndjson');
  const transport = new FakeTransport();
  let clock = 1_716_000_000_000;
  const client = new AnalyticsEventsClient({
    authManager: chatgptAuth(),
    baseUrl: 'https://chatgpt.example/backend-api/',
    transport,
    logger: { warn: () => undefined },
    runtimeMetadata: runtime,
    now: () => (clock += 1_000),
    reducerOptions: { gitLookup: () => Promise.resolve(undefined) },
    recordFacts: { path },
  });
  playSession(client);
  for (let index = 0; index < extraFacts; index += 1) {
    client.trackHookRun(tracking(`turn-${index}`), hook);
    client.trackAppUsed(tracking(`turn-${index}`), { ...app(`connector-${index}`), appName: `Kalender ✓ 日历 ${index}` });
  }
  await client.shutdown({ timeoutMs: 30_000 });
  return { path, events: transport.events.map((event) => JSON.stringify(event)) };
}

/** The file as a stream of small chunks, every chunk observed. */
function observedSource(path: string, highWaterMark: number) {
  const chunks: number[] = [];
  const open = (file: string): Promise<RecordingSource> => {
    const stream = createReadStream(file, { highWaterMark });
    stream.on('data', (chunk) => chunks.push(chunk.length));
    return Promise.resolve({ chunks: stream, size: statSync(file).size, bytesRead: () => stream.bytesRead, close: () => Promise.resolve(void stream.destroy()) });
  };
  return { open, chunks };
}

function io(overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cliIo: CliIo = { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text), env: {}, ...overrides };
  return { io: cliIo, out, err };
}

describe('replay streams the recording: bounded memory, any file size', () => {
  it('a recording of many chunks replays through the streaming reader to the events the client sent, with progress lines', async () => {
    const { path, events } = await bigRecording(1_000);
    const size = statSync(path).size;
    // Multi-byte characters straddle chunk boundaries at 1,000-byte chunks, and the decoder must join them.
    const source = observedSource(path, 1_000);
    expect(size).toBeGreaterThan(100 * 1_000);
    const printed = io({ openRecording: source.open, progressEvery: 500 });
    expect(await runCli(['replay', path], printed.io)).toBe(0);
    expect(printed.out.join('').trim().split('\n')).toEqual(events);
    // Read in chunks of at most the stream's highWaterMark, never as one string.
    expect(Math.max(...source.chunks)).toBeLessThanOrEqual(1_000);
    expect(source.chunks.reduce((sum, length) => sum + length, 0)).toBe(size);
    const progress = printed.err.filter((line) => line.startsWith('replay: '));
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress[0]).toMatch(/^replay: 500 facts so far, \d+\.\d of \d+\.\d MB read\n$/);
    expect(printed.err.at(-1)).toMatch(/^replayed \d+ facts into \d+ events\n$/);
  });

  it('the reader never holds the whole file: when its first fact comes out, little more than a chunk has been read', async () => {
    const { path, events } = await bigRecording(1_000);
    const size = statSync(path).size;
    const highWaterMark = 4_096;
    expect(size).toBeGreaterThan(50 * highWaterMark);
    const stream = createReadStream(path, { highWaterMark });
    let readAtFirstFact: number | undefined;
    const entries: RecordingEntry[] = [];
    for await (const entry of readFactRecording(stream)) {
      if (entry.kind === 'fact' && readAtFirstFact === undefined) readAtFirstFact = stream.bytesRead;
      entries.push(entry);
    }
    expect(readAtFirstFact).toBeLessThanOrEqual(4 * highWaterMark);
    expect(entries.filter((entry) => entry.kind === 'issue')).toEqual([]);
    // What the stream gave is what the whole-text parser gives.
    const whole = await replayFactRecording(readFileSync(path, 'utf8'), { gitLookup: () => Promise.resolve(undefined) });
    expect(whole.events.map((event) => JSON.stringify(event))).toEqual(events);
    expect(entries.filter((entry) => entry.kind === 'fact')).toHaveLength(whole.facts);
  });

  it('a line longer than the limit is one skipped line; the lines around it replay', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-stream-'));
    const fact = { type: 'hook_run', tracking: tracking(), hook };
    const text = [
      JSON.stringify({ codexAnalyticsFacts: 1, originator: null, runtime: null }),
      JSON.stringify({ seq: 1, atMs: 1, fact }),
      JSON.stringify({ seq: 2, atMs: 2, fact: { ...fact, padding: 'x'.repeat(5_000) } }),
      JSON.stringify({ seq: 3, atMs: 3, fact }),
    ].join('\n');
    const kinds: string[] = [];
    for await (const entry of readFactRecording([text.slice(0, 3_000), text.slice(3_000)], 1_000)) {
      kinds.push(entry.kind === 'issue' ? `issue ${entry.issue.line}: ${entry.issue.message}` : entry.kind);
    }
    expect(kinds).toEqual(['section', 'fact', 'issue 3: longer than 1000 characters', 'fact']);
  });

  it('a FIFO is refused at once (never read, never hangs) with exit status 1', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-stream-'));
    const fifo = join(dir, 'facts.ndjson');
    execFileSync('mkfifo', [fifo]);
    const refused = io();
    expect(await runCli(['replay', fifo], refused.io)).toBe(1);
    expect(refused.err.join('')).toBe(`cannot read ${fifo}: not a regular file: a FIFO\n`);
  });
});
