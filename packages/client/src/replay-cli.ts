import { readFile } from 'node:fs/promises';
import { createAuthManager, createStaticAuthManager } from '@codex-analytics/auth';
import type { AuthManager } from '@codex-analytics/auth';
import { AnalyticsEventsClient } from './analytics-events-client.js';
import { clientRuntimeOf } from './client-internals.js';
import type { ClientLimits } from './client-limits.js';
import type { ClientLogger } from './client-logger.js';
import type { AnalyticsEventsClientOptions } from './client-options.js';
import { parseFactRecording, replayFactRecording, sectionReducer } from './fact-recording.js';
import type { RecordingIssue } from './fact-recording.js';

/** Where the CLI writes, and what it reads from the environment: injected so tests run it in process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** undici dispatcher for `--to` (tests). */
  dispatcher?: AnalyticsEventsClientOptions['dispatcher'];
  /** The sending client's bounds (tests; default: the client's defaults). */
  limits?: Partial<ClientLimits>;
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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n`);
    return 1;
  }
  try {
    return to === undefined ? await printEvents(text, io) : await sendEvents(text, to, timeoutMs, io);
  } catch (error) {
    io.stderr(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function printEvents(text: string, io: CliIo): Promise<number> {
  const { events, facts, issues } = await replayFactRecording(text);
  for (const event of events) io.stdout(`${JSON.stringify(event)}\n`);
  for (const issue of issues) io.stderr(`skipped ${describeIssue(issue)}\n`);
  io.stderr(`replayed ${facts} facts into ${events.length} events${issues.length > 0 ? `; ${issues.length} lines skipped` : ''}\n`);
  return issues.length === 0 ? 0 : 1;
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

async function sendEvents(text: string, baseUrl: string, timeoutMs: number, io: CliIo): Promise<number> {
  const { sections, issues } = parseFactRecording(text);
  for (const issue of issues) io.stderr(`skipped ${describeIssue(issue)}\n`);
  const logger: ClientLogger = { warn: (message) => io.stderr(`${message}\n`) };
  let sent = 0;
  let undelivered = 0;
  let facts = 0;
  /** Facts left unsent once the backend stalled past the timeout: counted, never queued. */
  let notReplayed = 0;
  let stalled = false;
  for (const section of sections) {
    if (stalled) {
      notReplayed += section.facts.length;
      continue;
    }
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
    for (const recorded of section.facts) {
      if (stalled) {
        notReplayed += 1;
        continue;
      }
      // Queued as recorded, without the client's app/plugin dedupe (a recording holds facts already deduped).
      clocks.push(recorded.atMs);
      droppedAtEnqueue = false;
      pipeline.enqueue(recorded.fact);
      if (droppedAtEnqueue) clocks.pop();
      facts += 1;
      // Backpressure: past the client's high-water mark, wait for it to drain rather than lose facts to its bounds;
      // a backend that takes nothing for `timeoutMs` ends the replay (the rest is counted as not delivered).
      if (client.needsDrain && !(await drainedWithin(client, timeoutMs))) stalled = true;
    }
    const report = await client.shutdown({ timeoutMs: stalled ? 0 : timeoutMs });
    sent += report.sent;
    undelivered += report.failed + report.pending + Object.values(report.dropped).reduce((sum, count) => sum + count, 0);
  }
  const stall = stalled ? `; the backend did not drain the queue within ${timeoutMs} ms, so ${notReplayed} facts were not replayed` : '';
  const skipped = issues.length > 0 ? `; ${issues.length} lines skipped` : '';
  io.stderr(`replayed ${facts} facts: ${sent} events sent to ${baseUrl}, ${undelivered} not delivered${stall}${skipped}\n`);
  return issues.length === 0 && undelivered === 0 && notReplayed === 0 ? 0 : 1;
}
