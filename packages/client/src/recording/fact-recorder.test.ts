import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { clientRuntimeOf } from '../client-internals.js';
import type { AnalyticsEventsClientOptions } from '../client-options.js';
import { replayFactRecording } from './fact-recording.js';
import { FakeTransport } from '../__fixtures__/fake-transport.js';
import { chatgptAuth, hook, runtime, tracking } from '../__fixtures__/fixtures.js';
import { playSession } from '../__fixtures__/session.js';

let dir: string;
const fifos: string[] = [];
afterEach(() => {
  // Had an open(2) blocked on a FIFO (the old recorder), a reader lets it finish, so the test worker can exit.
  for (const fifo of fifos.splice(0)) {
    try {
      closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
    } catch {
      // Already gone.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

function recordingClient(path: string, overrides: Partial<AnalyticsEventsClientOptions> = {}) {
  const transport = new FakeTransport();
  const warnings: string[] = [];
  let clock = 1_716_000_000_000;
  const client = new AnalyticsEventsClient({
    authManager: chatgptAuth(),
    baseUrl: 'https://chatgpt.example/backend-api/',
    transport,
    logger: { warn: (message) => warnings.push(message) },
    runtimeMetadata: runtime,
    now: () => (clock += 1_000),
    reducerOptions: { gitLookup: () => Promise.resolve(undefined) },
    recordFacts: { path },
    ...overrides,
  });
  const recorder = () => clientRuntimeOf(client)!.recorder!.stats();
  return { client, transport, warnings, recorder };
}

/** Resolves with what the promise gave, or 'hung' if it has not settled after a long safety net (no timing assertion). */
function unlessHung<T>(promise: Promise<T>): Promise<T | 'hung'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise, new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), 10_000)))]).finally(() => clearTimeout(timer));
}

const replayOptions = { gitLookup: () => Promise.resolve(undefined) };

describe('the recorder opens only a regular file, without blocking; every wait has a deadline', () => {
  it('a FIFO with no reader is refused at once: shutdown({ timeoutMs: 1000 }) resolves, the fact is counted, the warning says why', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-recorder-'));
    const fifo = join(dir, 'facts.ndjson');
    execFileSync('mkfifo', [fifo]);
    fifos.push(fifo);
    const { client, transport, warnings, recorder } = recordingClient(fifo);
    client.trackHookRun(tracking(), hook);
    expect(await unlessHung(client.shutdown({ timeoutMs: 1_000 }))).toMatchObject({ sent: 1 });
    expect(transport.events).toHaveLength(1);
    expect(recorder()).toEqual({ written: 0, bytes: expect.any(Number), notWritten: 1 });
    expect(warnings.filter((message) => message.includes('refused'))).toEqual([
      `fact recording to ${fifo} refused: it is not a regular file (ENXIO: a FIFO or a device); no facts are recorded`,
    ]);
    expect(existsSync(`${fifo}.lock`)).toBe(false);
  });

  it('a FIFO with a reader, and a directory, are refused by fstat, never written to', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-recorder-'));
    const fifo = join(dir, 'read.fifo');
    execFileSync('mkfifo', [fifo]);
    fifos.push(fifo);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const piped = recordingClient(fifo);
      piped.client.trackHookRun(tracking(), hook);
      expect(await unlessHung(piped.client.shutdown({ timeoutMs: 1_000 }))).toMatchObject({ sent: 1 });
      expect(piped.recorder().notWritten).toBe(1);
      expect(piped.warnings).toContain(`fact recording to ${fifo} refused: it is not a regular file (a FIFO); no facts are recorded`);
    } finally {
      closeSync(reader);
    }
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const { client, warnings, recorder } = recordingClient(folder);
    client.trackHookRun(tracking(), hook);
    await client.shutdown({ timeoutMs: 1_000 });
    expect(recorder().notWritten).toBe(1);
    expect(warnings.some((message) => message.startsWith(`fact recording to ${folder} refused: it cannot be opened (EISDIR)`))).toBe(true);
  });
});

describe('a recording is the truth or says it is not', () => {
  it('a fact JSON.stringify cannot write (an unknown key 100,000 levels deep) is counted, warned and marked; its replay reports it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-recorder-'));
    const path = join(dir, 'facts.ndjson');
    const { client, transport, warnings, recorder } = recordingClient(path);
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 100_000; level += 1) deep = { deeper: deep };
    // A session, then a steer whose request carries the deep key where the protocol is loose (kept as given), and
    // its error: a steer event, which needs the request fact. Then a hook run.
    playSession(client);
    const steer = { method: 'turn/steer', id: 'steer-1', params: { threadId: 'thread-1', expectedTurnId: 'turn-9', input: [] }, extra: deep };
    client.trackRequest(1, 'steer-1', steer);
    client.trackErrorResponse(1, 'steer-1', { code: -32600, message: 'no active turn to steer' }, { kind: 'turn_steer', error: 'no_active_turn' });
    client.trackHookRun(tracking('turn-2'), hook);
    await client.shutdown();
    const sent = transport.events.map((event) => JSON.stringify(event));
    const steerEvents = transport.events.filter((event) => event.event_type === 'codex_turn_steer_event');
    expect(steerEvents).toHaveLength(1);
    const facts = client.stats().reducedFacts;
    expect(recorder()).toEqual({ written: facts - 1, bytes: expect.any(Number), notWritten: 1 });
    const notRecorded = warnings.filter((message) => message.includes('not recorded'));
    expect(notRecorded).toHaveLength(1);
    expect(notRecorded[0]).toMatch(
      /^fact #\d+ \(client_request\) not recorded to .*: it cannot be serialized \(RangeError\); the recording marks the gap and its replay reports it; later ones are counted$/,
    );
    expect(warnings.some((message) => message.includes('listener threw'))).toBe(false);
    const replayed = await replayFactRecording(readFileSync(path, 'utf8'), replayOptions);
    // The replay lacks the steer event, and says why: the line that marks the fact the recording could not hold.
    expect(replayed.events.map((event) => JSON.stringify(event))).toEqual(sent.filter((text) => text !== JSON.stringify(steerEvents[0])));
    expect(replayed.issues).toEqual([{ line: expect.any(Number), factType: 'client_request', message: expect.stringMatching(/^fact #\d+ was not recorded: the fact cannot be serialized \(RangeError\)$/) }]);
  });
});

describe('one writer per recording', () => {
  it('a second client of this process on the same path is refused with a clear warning; the first recording replays exactly', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-recorder-'));
    const path = join(dir, 'facts.ndjson');
    const first = recordingClient(path, { originator: 'codex_vscode' });
    const second = recordingClient(path, { originator: 'codex_cli_rs' });
    // Interleaved, as two live clients would be.
    playSession(first.client);
    playSession(second.client);
    first.client.trackHookRun(tracking(), hook);
    second.client.trackHookRun(tracking(), hook);
    await Promise.all([first.client.shutdown(), second.client.shutdown()]);
    expect(second.transport.events.length).toBe(first.transport.events.length);
    const refusals = [...first.warnings, ...second.warnings].filter((message) => message.includes('refused'));
    expect(refusals).toEqual([
      `fact recording to ${path} refused: another client of this process is recording to it (lock file ${path}.lock; remove it if that recording is over); no facts are recorded`,
    ]);
    // Whichever took the lock first recorded everything it sent; the other wrote nothing and counts every fact.
    const [writer, refused] = first.warnings.some((message) => message.includes('refused')) ? [second, first] : [first, second];
    expect(refused.recorder()).toMatchObject({ written: 0, notWritten: refused.client.stats().reducedFacts });
    const replayed = await replayFactRecording(readFileSync(path, 'utf8'), replayOptions);
    expect(replayed.issues).toEqual([]);
    expect(replayed.events.map((event) => JSON.stringify(event))).toEqual(writer.transport.events.map((event) => JSON.stringify(event)));
    // The lock is released at shutdown: a later client records its own section.
    expect(existsSync(`${path}.lock`)).toBe(false);
    const later = recordingClient(path);
    later.client.trackHookRun(tracking(), hook);
    await later.client.shutdown();
    expect(later.recorder()).toMatchObject({ written: 1, notWritten: 0 });
  });

  it('a lock held by another live process refuses; one left by a dead process is taken over', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-recorder-'));
    const path = join(dir, 'facts.ndjson');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(`${path}.lock`, `${other.pid} ${hostname()}\n`);
      const refused = recordingClient(path);
      refused.client.trackHookRun(tracking(), hook);
      await refused.client.shutdown();
      expect(refused.recorder().notWritten).toBe(1);
      expect(refused.warnings).toContain(
        `fact recording to ${path} refused: process ${other.pid} is recording to it (lock file ${path}.lock; remove it if that recording is over); no facts are recorded`,
      );
      expect(readFileSync(`${path}.lock`, 'utf8')).toBe(`${other.pid} ${hostname()}\n`);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // The same lock, its owner now gone: a stale lock, taken over.
    const taken = recordingClient(path);
    taken.client.trackHookRun(tracking(), hook);
    await taken.client.shutdown();
    expect(taken.recorder()).toMatchObject({ written: 1, notWritten: 0 });
    expect(taken.warnings.filter((message) => message.includes('refused'))).toEqual([]);
    expect((await replayFactRecording(readFileSync(path, 'utf8'), replayOptions)).events).toHaveLength(1);
  });

  it('a client of another process recording to the path refuses this one; that process\'s recording stays whole', async () => {
    dir = mkdtempSync(join(tmpdir(), 'codex-analytics-recorder-'));
    const path = join(dir, 'facts.ndjson');
    const index = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'index.js')).href;
    // The other process records one hook run, says so, and shuts down when its stdin ends.
    const script = `
      import { AnalyticsEventsClient, createStaticAuthManager } from ${JSON.stringify(index)};
      const client = new AnalyticsEventsClient({
        authManager: createStaticAuthManager({ accessToken: 'token', accountId: 'account' }),
        baseUrl: 'http://127.0.0.1:9/backend-api/',
        logger: { warn() {} },
        recordFacts: { path: ${JSON.stringify(path)} },
      });
      client.on('accepted', () => setTimeout(() => process.stdout.write('recording\\n'), 50));
      client.trackHookRun({ modelSlug: 'gpt-5', threadId: 'thread-1', turnId: 'turn-1' }, { eventName: 'PreToolUse', hookSource: 'project', status: 'completed' });
      process.stdin.resume();
      process.stdin.on('end', async () => { await client.shutdown({ timeoutMs: 100 }); process.stdout.write('done\\n'); });
    `;
    const other = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => other.once('exit', resolve));
    let out = '';
    const said = (word: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (out.includes(word) ? resolve() : undefined);
        other.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          check();
        });
        other.once('exit', () => (out.includes(word) ? resolve() : reject(new Error(`the other process ended without '${word}': ${out}`))));
        check();
      });
    await said('recording');
    const refused = recordingClient(path);
    refused.client.trackHookRun(tracking(), hook);
    await refused.client.shutdown();
    expect(refused.recorder()).toMatchObject({ written: 0, notWritten: 1 });
    expect(refused.warnings).toContain(
      `fact recording to ${path} refused: process ${other.pid} is recording to it (lock file ${path}.lock; remove it if that recording is over); no facts are recorded`,
    );
    other.stdin.end();
    await said('done');
    // Its shutdown deadline may pass before the file is finished (nothing listens at its backend): the process still
    // finishes the file and removes its lock before it exits.
    await exited;
    const replayed = await replayFactRecording(readFileSync(path, 'utf8'), replayOptions);
    expect(replayed.issues).toEqual([]);
    expect(replayed.events.map((event) => event.event_type)).toEqual(['codex_hook_run']);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
