import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { createAuthManager, createStaticAuthManager } from '@codex-analytics/auth';
import type { AuthManager } from '@codex-analytics/auth';
import { AnalyticsEventsClient } from '../analytics-events-client.js';
import { clientRuntimeOf } from '../client-internals.js';
import type { ClientLimits } from '../client-limits.js';
import type { ClientLogger } from '../client-logger.js';
import type { AnalyticsEventsClientOptions } from '../client-options.js';
import { sectionReducer } from './fact-recording.js';
import type { RecordedFact, RecordingEntry, RecordingIssue, RecordingSection } from './fact-recording.js';
import { fileKind } from './open-recording-file.js';
import { readFactRecording } from './read-fact-recording.js';

/** Where the CLI writes, and what it reads from the environment: injected so tests run it in process. */
export interface CliIo {
  /** Returns false (as a stream's `write`) when the caller should wait for `stdoutDrained` before writing more. */
  stdout: (text: string) => unknown;
  /** Resolves when stdout can take more after `stdout` returned false (default: at once). */
  stdoutDrained?: () => Promise<void>;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** undici dispatcher for `--to` (tests). */
  dispatcher?: AnalyticsEventsClientOptions['dispatcher'];
  /** The sending client's bounds (tests; default: the client's defaults). */
  limits?: Partial<ClientLimits>;
  /** Opens the recording (tests; default: the file, opened without blocking and refused unless regular). */
  openRecording?: (path: string) => Promise<RecordingSource>;
  /** Facts between two progress lines on stderr (default 100,000). */
  progressEvery?: number;
}

/** A recording as a stream of chunks, its size in bytes and how much of it was read so far. */
export interface RecordingSource {
  chunks: AsyncIterable<string | Uint8Array>;
  size: number;
  bytesRead: () => number;
  close: () => Promise<void>;
}

/** Facts between two progress lines, by default: a long recording says how far it got. */
const DEFAULT_PROGRESS_EVERY = 100_000;

/**
 * The recording file as a stream (never read whole: memory stays bounded whatever its size), opened with
 * `O_NONBLOCK` and checked with `fstat` on the same handle, so a FIFO or a device is refused instead of hanging.
 */
async function openRecordingFile(path: string): Promise<RecordingSource> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), { code: `not a regular file: ${fileKind(stats)}` });
    const stream = handle.createReadStream();
    return {
      chunks: stream,
      size: stats.size,
      bytesRead: () => stream.bytesRead,
      close: async () => {
        stream.destroy();
        await handle.close().catch(() => undefined);
      },
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

export const USAGE = `Usage: codex-analytics replay <facts.ndjson> [--to <baseUrl> [--timeout <ms>]]

Replays facts recorded by the client's \`recordFacts\` option through the reducer.
  (no --to)        print the events, one JSON object per line, on stdout
  --to <baseUrl>   send them through the client to a backend, e.g. a local collector:
                   --to http://127.0.0.1:8787/backend-api/
                   Credentials: CODEX_ANALYTICS_ACCESS_TOKEN and CODEX_ANALYTICS_ACCOUNT_ID when set,
                   else $CODEX_HOME/auth.json (default ~/.codex).
  --timeout <ms>   with --to: the longest the replay waits for the backend to take events, while it paces
                   itself and at the end (default 30000); past it, what is left is counted as not delivered.
Exit status: 0 when every line replayed (and, with --to, every event was delivered), 1 otherwise, 2 on a usage error.`;

/** How long, by default, `--to` waits for the backend to take events (while pacing, and at the end). */
const DEFAULT_TIMEOUT_MS = 30_000;

function describeIssue(issue: RecordingIssue): string {
  return `line ${issue.line}: ${issue.message}`;
}

/** `codex-analytics <command> ...`; resolves with the exit status. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'replay') {
    io.stderr(`unknown command ${command}\n${USAGE}\n`);
    return 2;
  }
  let file: string | undefined;
  let to: string | undefined;
  let timeout: string | undefined;
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index]!;
    if (arg === '--to') to = rest[++index] ?? '';
    else if (arg.startsWith('--to=')) to = arg.slice('--to='.length);
    else if (arg === '--timeout') timeout = rest[++index] ?? '';
    else if (arg.startsWith('--timeout=')) timeout = arg.slice('--timeout='.length);
    else if (arg === '--help' || arg === '-h') {
      io.stdout(`${USAGE}\n`);
      return 0;
    } else if (file === undefined && !arg.startsWith('-')) file = arg;
    else {
      io.stderr(`unexpected argument ${arg}\n${USAGE}\n`);
      return 2;
    }
  }
  if (file === undefined || (to !== undefined && to === '')) {
    io.stderr(`${file === undefined ? 'replay needs a file' : '--to needs a base URL'}\n${USAGE}\n`);
    return 2;
  }
  const timeoutMs = timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(timeout);
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0 || (timeout !== undefined && to === undefined)) {
    io.stderr(`${to === undefined ? '--timeout goes with --to' : '--timeout needs a number of milliseconds'}\n${USAGE}\n`);
    return 2;
  }
  let source: RecordingSource;
  try {
    source = await (io.openRecording ?? openRecordingFile)(file);
  } catch (error) {
    io.stderr(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n`);
    return 1;
  }
  const progressEvery = io.progressEvery ?? DEFAULT_PROGRESS_EVERY;
  const progress = (facts: number): void => {
    if (facts % progressEvery !== 0) return;
    io.stderr(`replay: ${facts} facts so far, ${megabytes(source.bytesRead())} of ${megabytes(source.size)} MB read\n`);
  };
  const entries = readFactRecording(source.chunks);
  try {
    return to === undefined ? await printEvents(entries, io, progress) : await sendEvents(entries, to, timeoutMs, io, progress);
  } catch (error) {
    io.stderr(`replay failed: ${error instanceof Error ? (error as NodeJS.ErrnoException).code ?? error.message : String(error)}\n`);
    return 1;
  } finally {
    await source.close();
  }
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/** Prints the events of each fact as it is read, each section through a fresh reducer (stdout's backpressure kept). */
async function printEvents(entries: AsyncIterable<RecordingEntry>, io: CliIo, progress: (facts: number) => void): Promise<number> {
  let reducing: ReturnType<typeof sectionReducer> | undefined;
  let facts = 0;
  let events = 0;
  let issues = 0;
  for await (const entry of entries) {
    if (entry.kind === 'section') {
      reducing = sectionReducer(entry.section);
      continue;
    }
    if (entry.kind === 'issue') {
      issues += 1;
      io.stderr(`skipped ${describeIssue(entry.issue)}\n`);
      continue;
    }
    if (reducing === undefined) continue; // Not reached: a fact always comes after its section.
    reducing.at(entry.fact.atMs);
    for (const event of await reducing.reducer.ingest(entry.fact.fact)) {
      events += 1;
      if (io.stdout(`${JSON.stringify(event)}\n`) === false) await io.stdoutDrained?.();
    }
    facts += 1;
    progress(facts);
  }
  io.stderr(`replayed ${facts} facts into ${events} events${issues > 0 ? `; ${issues} lines skipped` : ''}\n`);
  return issues === 0 ? 0 : 1;
}

function authManagerFrom(env: CliIo['env']): AuthManager {
  const accessToken = env.CODEX_ANALYTICS_ACCESS_TOKEN;
  if (accessToken !== undefined && accessToken !== '') {
    return createStaticAuthManager({ accessToken, accountId: env.CODEX_ANALYTICS_ACCOUNT_ID });
  }
  return createAuthManager(env.CODEX_HOME === undefined ? {} : { codexHome: env.CODEX_HOME });
}

/**
 * Resolves true once the client has drained, false when `timeoutMs` passed first. While it waits, the client holds
 * the process alive, so the replay is never abandoned mid-recording by the runtime.
 */
async function drainedWithin(client: AnalyticsEventsClient, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([client.drained().then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** A client sending one recorded section: facts queued as recorded, each reduced at its recorded clock. */
function sectionClient(section: RecordingSection, baseUrl: string, io: CliIo, logger: ClientLogger) {
  const { reducer, at } = sectionReducer(section);
  // Each fact is reduced at its recorded clock, set once per fact when the worker accepts it (the 'accepted'
  // event, before its first slice is ingested), never per `ingest` call: the worker reduces a large fact in several
  // slices. The worker takes facts in order, and every fact queued here was already validated, so the clocks line
  // up with the accepted facts one for one (a fact the client drops at enqueue takes its clock back).
  const clocks: number[] = [];
  const client = new AnalyticsEventsClient({
    authManager: authManagerFrom(io.env),
    baseUrl,
    logger,
    dispatcher: io.dispatcher,
    ...io.limits,
    reducer: { ingest: (fact) => reducer.ingest(fact), waiting: (limit) => reducer.waiting(limit) },
  });
  client.on('accepted', () => at(clocks.shift() ?? 0));
  let droppedAtEnqueue = false;
  client.on('dropped', (event) => {
    if (event.unit === 'fact' && (event.reason === 'queue_full' || event.reason === 'shutdown')) droppedAtEnqueue = true;
  });
  const pipeline = clientRuntimeOf(client)?.pipeline;
  if (pipeline === undefined) throw new Error('the client is disabled');
  return {
    client,
    /** Queued as recorded, without the client's app/plugin dedupe (a recording holds facts already deduped). */
    push: (recorded: RecordedFact): void => {
      clocks.push(recorded.atMs);
      droppedAtEnqueue = false;
      pipeline.enqueue(recorded.fact);
      if (droppedAtEnqueue) clocks.pop();
    },
  };
}

/**
 * Sends the events of each fact as it is read, through one client per section, paced by the client's backpressure;
 * a backend that does not drain the queue within `timeoutMs` ends the replay (the rest of the file is not read).
 */
async function sendEvents(
  entries: AsyncIterable<RecordingEntry>,
  baseUrl: string,
  timeoutMs: number,
  io: CliIo,
  progress: (facts: number) => void,
): Promise<number> {
  const logger: ClientLogger = { warn: (message) => io.stderr(`${message}\n`) };
  let sent = 0;
  let undelivered = 0;
  let facts = 0;
  let issues = 0;
  /** The last line replayed when the backend stalled past the timeout; what follows it is not read. */
  let stalledAfterLine: number | undefined;
  let current: ReturnType<typeof sectionClient> | undefined;
  const finish = async (): Promise<void> => {
    if (current === undefined) return;
    const report = await current.client.shutdown({ timeoutMs: stalledAfterLine === undefined ? timeoutMs : 0 });
    current = undefined;
    sent += report.sent;
    undelivered += report.failed + report.pending + Object.values(report.dropped).reduce((sum, count) => sum + count, 0);
  };
  for await (const entry of entries) {
    if (entry.kind === 'issue') {
      issues += 1;
      io.stderr(`skipped ${describeIssue(entry.issue)}\n`);
      continue;
    }
    if (entry.kind === 'section') {
      await finish();
      current = sectionClient(entry.section, baseUrl, io, logger);
      continue;
    }
    if (current === undefined) continue; // Not reached: a fact always comes after its section.
    current.push(entry.fact);
    facts += 1;
    progress(facts);
    // Backpressure: past the client's high-water mark, wait for it to drain rather than lose facts to its bounds;
    // a backend that takes nothing for `timeoutMs` ends the replay (the rest is counted as not replayed).
    if (current.client.needsDrain && !(await drainedWithin(current.client, timeoutMs))) {
      stalledAfterLine = entry.fact.line;
      break;
    }
  }
  await finish();
  const stall =
    stalledAfterLine === undefined ? '' : `; the backend did not drain the queue within ${timeoutMs} ms, so the facts after line ${stalledAfterLine} were not replayed`;
  const skipped = issues > 0 ? `; ${issues} lines skipped` : '';
  io.stderr(`replayed ${facts} facts: ${sent} events sent to ${baseUrl}, ${undelivered} not delivered${stall}${skipped}\n`);
  return issues === 0 && undelivered === 0 && stalledAfterLine === undefined ? 0 : 1;
}
