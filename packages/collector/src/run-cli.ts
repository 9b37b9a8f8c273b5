import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TRACK_EVENTS_PATH } from '@codex-analytics/events';
import type { Collector, CollectorOptions } from './collector-options.js';
import { defaultMaxBodyBytes, startCollector } from './start-collector.js';
import { defaultRateLimits } from './collector-access.js';
import type { CollectorAccessOptions } from './collector-access.js';
import { readSecretToken } from './secret-token.js';
import { parseClickHouseUrl } from './clickhouse-url.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Resolves with the name of the signal that asks the collector to stop. Default: the first SIGINT or SIGTERM. */
  waitForShutdown?: () => Promise<string>;
  /** Called once the collector listens (tests use it). */
  onStarted?: (collector: Collector) => void;
  /** Where CODEX_ANALYTICS_READ_TOKEN, CODEX_ANALYTICS_INGEST_TOKEN and CODEX_ANALYTICS_CLICKHOUSE_URL are read. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

const usage = `Usage: codex-analytics-collector [options]

A local Codex analytics collector: it validates, stores and shows the events a client sends. Point the client's
baseUrl at the printed URL and open that URL in a browser to watch the session live.

Options:
  -p, --port N               port to listen on (default 0: any free port)
  -H, --host HOST            interface to listen on (default 127.0.0.1; anything but loopback
                             also needs --allow-non-loopback)
      --allow-non-loopback   allow a --host that other machines can reach; it also needs a read
                             token and a writer rule (see "Running it for a team" in the README)
      --read-token-file PATH readers (page, /api, stream) must present this token (first line of
                             the file; or CODEX_ANALYTICS_READ_TOKEN); asked beyond loopback only,
                             unless --require-read-token
      --require-read-token   ask for the read token on loopback too
      --ingest-token-file PATH  writers may send this token in x-codex-analytics-ingest-token (or
                             CODEX_ANALYTICS_INGEST_TOKEN)
      --allow-account ID     a chatgpt-account-id allowed to write (repeatable)
      --allow-accounts-file PATH  allowed account ids, one a line (# comments)
      --allow-agent-runtime ID  a verified AgentAssertion agent_runtime_id allowed to write (repeatable)
                             With any writer rule, a write must pass one: the ingest token, an allowed
                             account, or an allowed agent runtime (403 forbidden_writer, 401
                             invalid_ingest_token otherwise)
      --rate-limit-requests N  requests per second per source (bursts of 10x; 0: no limits);
                             default: off on loopback, 20 beyond
      --rate-limit-bytes N   body bytes per second per source (bursts of max(8x, --max-body-bytes,
                             32 MiB)); default: off on loopback, 4194304 beyond
      --trust-proxy          take the client address from X-Forwarded-For (behind a reverse proxy)
      --public-origin URL    the origin a reverse proxy serves it at (https://analytics.example.com;
                             repeatable): accepted in Host and Origin
  -o, --out FILE             append accepted events to this NDJSON file (reloaded on start;
                             created 0600 with its folders when missing; must be a regular file,
                             not a symbolic link)
      --clickhouse URL       store the events in ClickHouse (http://user:password@host:8123/database;
                             or CODEX_ANALYTICS_CLICKHOUSE_URL) instead of memory and --out; any
                             number of collectors can share it; the password is never printed
      --clickhouse-cluster NAME  a remote_servers cluster: local tables on every shard and a
                             Distributed table over them (sharded by thread id)
      --retention-days N     with --clickhouse: drop day partitions older than N days (hourly)
      --max-body-bytes N     request body cap in bytes (default 10485760); larger bodies get 413
      --strict               accept only seed-era events (unknown keys refused with 400); by default
                             today's Codex events are accepted and unknown keys reported as drift
  -v, --version              print the version and exit
  -h, --help                 print this help and exit

Endpoints (each backend route also under /backend-api):
  POST ${TRACK_EVENTS_PATH}            the events endpoint (Bearer or AgentAssertion,
                                                    chatgpt-account-id, JSON body { events: [...] })
  GET  /authenticate_app_v2, POST /v1/agent/register, POST /v1/agent/{id}/task/register
                                                    agent identity endpoints
Read API:
  GET    /api/events      stored events: ?event_type= &thread_id= &since= (ms or ISO) &limit= (<= 1000)
                          &cursor= or &offset=; answers { events, total, nextCursor }
  DELETE /api/events      forget the held events and rejections (the --out file keeps its lines)
  GET    /api/stats       counts: requests, accepted, per event type, rejections per reason
  GET    /api/rejections  the last 500 refused requests, with the failing event index, event_type and path
  GET    /api/stream      server-sent events: every stored event (?after=<id> replays), rejections, clears
  GET    /api/agents      registered agents and their task ids
  GET    /                the live page
Faults API (injected into the events endpoint; the read side is never faulted):
  GET    /api/faults      the pending faults
  POST   /api/faults      replace them, JSON: {"failNext":{"count":2,"status":503},
                          "rateLimit":{"count":1,"retryAfterSeconds":7},"dropConnection":{"count":1},
                          "latencyMs":250,"target":"events"|"backend"}
  DELETE /api/faults      clear them
  POST   /api/session     with x-codex-analytics-read-token: sets the page's stream ticket cookie
Requests must name the collector in Host (127.0.0.1, localhost, [::1]) and come from no other Origin; POSTs are JSON.

Stops on SIGINT or SIGTERM (Ctrl-C), closing the --out file.
`;

/** The package version, read from the package.json beside `dist/` (and `src/`); `unknown` when bundled elsewhere. */
function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
    return manifest.name === '@codex-analytics/collector' && typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The `codex-analytics-collector` command. Resolves with the exit code once the collector has stopped. */
export async function runCli(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const fail = (message: string, code = 2) => {
    io.stderr.write(`codex-analytics-collector: ${message}\n${code === 2 ? 'Run codex-analytics-collector --help for the options.\n' : ''}`);
    return code;
  };
  let values: AccessFlags & {
    port?: string;
    host?: string;
    out?: string;
    clickhouse?: string;
    'clickhouse-cluster'?: string;
    'retention-days'?: string;
    'max-body-bytes'?: string;
    'allow-non-loopback'?: boolean;
    strict?: boolean;
    help?: boolean;
    version?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string', short: 'H' },
        out: { type: 'string', short: 'o' },
        clickhouse: { type: 'string' },
        'clickhouse-cluster': { type: 'string' },
        'retention-days': { type: 'string' },
        'max-body-bytes': { type: 'string' },
        strict: { type: 'boolean' },
        'allow-non-loopback': { type: 'boolean' },
        'read-token-file': { type: 'string' },
        'require-read-token': { type: 'boolean' },
        'ingest-token-file': { type: 'string' },
        'allow-account': { type: 'string', multiple: true },
        'allow-accounts-file': { type: 'string' },
        'allow-agent-runtime': { type: 'string', multiple: true },
        'rate-limit-requests': { type: 'string' },
        'rate-limit-bytes': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'public-origin': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) {
    io.stdout.write(usage);
    return 0;
  }
  if (values.version === true) {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  let storeLine: string | undefined;
  const options: CollectorOptions = {
    logger: { warn: (message) => void io.stderr.write(`warning: ${message}\n`) },
  };
  if (values.host !== undefined) options.host = values.host;
  if (values.out !== undefined) {
    if (values.out === '') return fail('--out needs a file path');
    options.out = values.out;
  }
  const clickhouseUrl = values.clickhouse ?? (io.env ?? process.env).CODEX_ANALYTICS_CLICKHOUSE_URL;
  if (clickhouseUrl !== undefined && clickhouseUrl !== '') {
    if (options.out !== undefined) return fail('--out and --clickhouse are two stores: give one of them');
    let display: string;
    try {
      display = parseClickHouseUrl(clickhouseUrl).display;
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
    options.clickhouse = { url: clickhouseUrl };
    storeLine = `  store:  ClickHouse ${display}${values['clickhouse-cluster'] === undefined ? '' : ` (cluster ${values['clickhouse-cluster']})`}`;
    if (values['clickhouse-cluster'] !== undefined) options.clickhouse.cluster = values['clickhouse-cluster'];
    const retention = values['retention-days'];
    if (retention !== undefined) {
      if (!/^\d{1,5}$/.test(retention) || Number(retention) < 1) return fail(`--retention-days must be a whole number of at least 1 (got ${JSON.stringify(retention)})`);
      options.clickhouse.retentionDays = Number(retention);
    }
  } else if (values['clickhouse-cluster'] !== undefined || values['retention-days'] !== undefined) {
    return fail('--clickhouse-cluster and --retention-days need --clickhouse');
  }
  if (values['allow-non-loopback'] === true) options.allowNonLoopback = true;
  if (values.strict === true) options.strict = true;
  for (const [flag, key, max] of [
    ['port', 'port', 65_535],
    ['max-body-bytes', 'maxBodyBytes', Number.MAX_SAFE_INTEGER],
  ] as const) {
    const text = values[flag];
    if (text === undefined) continue;
    if (!/^\d{1,16}$/.test(text) || Number(text) > max || (key === 'maxBodyBytes' && Number(text) < 1)) {
      return fail(`--${flag} must be an integer from ${key === 'port' ? 0 : 1} to ${max} (got ${JSON.stringify(text)})`);
    }
    options[key] = Number(text);
  }
  try {
    Object.assign(options, accessOptions(values, io.env ?? process.env, options.maxBodyBytes ?? defaultMaxBodyBytes));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }

  let collector: Collector;
  try {
    collector = await startCollector(options);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 1);
  }
  io.stdout.write(
    [
      `codex-analytics-collector listening on ${collector.url}`,
      `  events: POST ${collector.url}${TRACK_EVENTS_PATH} (also under /backend-api)`,
      `  page:   ${collector.url}/`,
      ...(options.out === undefined ? [] : [`  out:    ${options.out} (${collector.stats().storedEvents} events reloaded)`]),
      ...(storeLine === undefined ? [] : [storeLine]),
      '',
    ].join('\n'),
  );
  io.onStarted?.(collector);

  const signal = await (io.waitForShutdown ?? waitForSignal)();
  await collector.close();
  io.stdout.write(`codex-analytics-collector: ${signal}, stopped with ${collector.stats().storedEvents} events stored\n`);
  return 0;
}

/** The flags of the access options. */
interface AccessFlags {
  'read-token-file'?: string;
  'require-read-token'?: boolean;
  'ingest-token-file'?: string;
  'allow-account'?: string[];
  'allow-accounts-file'?: string;
  'allow-agent-runtime'?: string[];
  'rate-limit-requests'?: string;
  'rate-limit-bytes'?: string;
  'trust-proxy'?: boolean;
  'public-origin'?: string[];
}

/** The access options of the flags and the environment; tokens come from files or the environment only. */
function accessOptions(
  values: AccessFlags,
  env: Readonly<Record<string, string | undefined>>,
  maxBodyBytes: number,
): CollectorAccessOptions {
  const options: CollectorAccessOptions = {};
  const readToken = readSecretToken({ file: values['read-token-file'], env, envName: 'CODEX_ANALYTICS_READ_TOKEN', flag: '--read-token-file' });
  if (readToken !== undefined) options.readToken = readToken;
  if (values['require-read-token'] === true) options.requireReadToken = true;
  const ingestToken = readSecretToken({ file: values['ingest-token-file'], env, envName: 'CODEX_ANALYTICS_INGEST_TOKEN', flag: '--ingest-token-file' });
  if (ingestToken !== undefined) options.ingestToken = ingestToken;
  const accounts = [...(values['allow-account'] ?? [])];
  const accountsFile = values['allow-accounts-file'];
  if (accountsFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(accountsFile, 'utf8');
    } catch (error) {
      throw new TypeError(`cannot read --allow-accounts-file ${accountsFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    for (const line of text.split(/\r?\n/)) {
      const id = line.replace(/#.*/, '').trim();
      if (id !== '') accounts.push(id);
    }
  }
  if (accounts.length > 0) options.allowAccounts = accounts;
  if (values['allow-agent-runtime'] !== undefined) options.allowAgentRuntimes = values['allow-agent-runtime'];
  if (values['trust-proxy'] === true) options.trustProxy = true;
  if (values['public-origin'] !== undefined) options.publicOrigins = values['public-origin'];
  const rate = (flag: 'rate-limit-requests' | 'rate-limit-bytes'): number | undefined => {
    const text = values[flag];
    if (text === undefined) return undefined;
    if (!/^\d{1,16}$/.test(text)) throw new TypeError(`--${flag} must be a whole number (got ${JSON.stringify(text)})`);
    return Number(text);
  };
  const requests = rate('rate-limit-requests');
  const bytes = rate('rate-limit-bytes');
  if (requests === 0 || bytes === 0) options.rateLimits = false;
  else if (requests !== undefined || bytes !== undefined) {
    const defaults = defaultRateLimits(maxBodyBytes);
    options.rateLimits = {
      ...defaults,
      ...(requests === undefined ? {} : { requestsPerSecond: requests, requestBurst: 10 * requests }),
      ...(bytes === undefined ? {} : { bytesPerSecond: bytes, byteBurst: Math.max(8 * bytes, defaults.byteBurst) }),
    };
  }
  return options;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
