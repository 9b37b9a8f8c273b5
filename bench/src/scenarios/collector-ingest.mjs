// `collector-ingest`: ingestion through @codex-analytics/collector (in processes of its own), K concurrent clients
// POSTing batches of 100 events as fast as they are answered, into: the embedded store (memory); ClickHouse on one
// node (one collector); ClickHouse on two shards (two collectors, one per shard, the clients split between them,
// inserts through the Distributed table); and, as the limit, ClickHouse's own HTTP insert of the same rows (JSONEachRow,
// the same K clients, no collector). Figures: events/s (events acknowledged / wall time from the first request to the
// last answer), p99 time to answer a request, 503 answers (retried), rows stored (read back with FINAL).
// ClickHouse targets are left out, with the reason, when clickhouse-server is not installed.

import { createHash } from 'node:crypto';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { eventFor } from '../bench-events.mjs';
import { BENCH_CLUSTER, clickHouseMissing, startClickHouseServers } from '../harness/clickhouse-servers.mjs';
import { formatNumber } from '../report/scenario-table.mjs';
import { summarize } from '../report/stats.mjs';

const CHILD = fileURLToPath(new URL('../child/collector-ingest-process.mjs', import.meta.url));
const HEADERS = { authorization: 'Bearer bench-token', 'chatgpt-account-id': 'bench-account', 'content-type': 'application/json' };
const BATCH = 100;
const TARGETS = ['embedded', 'clickhouse-1', 'clickhouse-2', 'clickhouse-http'];
const LABELS = {
  embedded: 'collector, embedded store',
  'clickhouse-1': 'collector, ClickHouse one node',
  'clickhouse-2': '2 collectors, ClickHouse two shards',
  'clickhouse-http': "ClickHouse's own HTTP insert (the limit)",
};

function startCollectorProcess(clickhouse) {
  const child = fork(CHILD, [JSON.stringify(clickhouse)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the collector did not start within 30 s')), 30_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message.url);
    });
    child.once('exit', (code) => reject(new Error(`the collector exited (${code}) before it was ready`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(undefined);
      }, 30_000);
      child.on('message', (message) => {
        if (message.type !== 'report') return;
        clearTimeout(timer);
        resolve(message);
      });
      child.send({ type: 'stop' });
    });
  return { child, ready, stop };
}

/** The rows the ClickHouse store writes for a batch (same columns), for the direct insert. */
function rowsOf(text, events, receivedAt) {
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 32);
  const numeric = (value) => Number.parseInt(createHash('sha256').update(value).digest('hex').slice(0, 13), 16) || 1;
  const time = new Date(receivedAt).toISOString();
  return events
    .map((event, index) => {
      const key = `${digest}:${index}`;
      return JSON.stringify({
        day: time.slice(0, 10),
        received_at: time.slice(0, 19).replace('T', ' '),
        received_at_ms: receivedAt,
        key,
        id: numeric(key),
        request_id: numeric(digest),
        account_id: 'bench-account',
        auth_scheme: 'bearer',
        agent_runtime_id: null,
        event_type: event.event_type,
        thread_id: event.event_params.thread_id ?? '',
        event: JSON.stringify(event),
        drift_keys: [],
        request_drift_keys: [],
        request_current_era: 0,
      });
    })
    .join('\n');
}

/** `clients` loops sending the bodies (taken in turn) to `endpoints` (client i uses endpoint i mod n), retrying 503. */
async function drive(endpoints, bodies, clients) {
  const dispatcher = new Agent({ connections: clients, keepAliveTimeout: 10_000 });
  const latencies = [];
  let next = 0;
  let retries = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const endpoint = endpoints[client % endpoints.length];
        for (let index = next++; index < bodies.length; index = next++) {
          for (let attempt = 0; ; attempt += 1) {
            const sent = performance.now();
            const response = await request(endpoint.url, { method: 'POST', headers: endpoint.headers, body: bodies[index], dispatcher });
            await response.body.dump();
            latencies.push(performance.now() - sent);
            if (response.statusCode === 200) break;
            if (response.statusCode !== 503 || attempt >= 20) throw new Error(`answered ${response.statusCode}`);
            retries += 1;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      }),
    );
  } finally {
    await dispatcher.destroy();
  }
  return { wallMs: performance.now() - started, p99Ms: percentile(latencies, 99), retries };
}

async function countFinal(url, table) {
  const response = await fetch(`${url}/?query=${encodeURIComponent(`SELECT count() FROM ${table} FINAL`)}`);
  return Number((await response.text()).trim());
}

async function runTarget(target, settings, rep, servers) {
  const bodies = [];
  const batches = Math.ceil(settings.events / BATCH);
  const offset = (rep * TARGETS.length + TARGETS.indexOf(target)) * settings.events;
  const texts = [];
  for (let batch = 0; batch < batches; batch += 1) {
    const events = Array.from({ length: BATCH }, (_, index) => eventFor(offset + batch * BATCH + index));
    const text = JSON.stringify({ events });
    texts.push(text);
    bodies.push(target === 'clickhouse-http' ? rowsOf(text, events, Date.now()) : text);
  }
  const eventsUrl = (url) => ({ url: `${url}/codex/analytics-events/events`, headers: HEADERS });
  const database = `bench_${rep}`;
  if (target === 'clickhouse-http') {
    const url = `${servers.urls[0]}/?query=${encodeURIComponent(`INSERT INTO ${database}_one.events FORMAT JSONEachRow`)}`;
    const before = await countFinal(servers.urls[0], `${database}_one.events`);
    const result = await drive([{ url, headers: { 'content-type': 'application/x-ndjson' } }], bodies, settings.clients);
    return { ...result, stored: (await countFinal(servers.urls[0], `${database}_one.events`)) - before };
  }
  const configs =
    target === 'embedded'
      ? [null]
      : target === 'clickhouse-1'
        ? [{ url: `${servers.urls[0]}/${database}_one` }]
        : servers.urls.map((url) => ({ url: `${url}/${database}_two`, cluster: BENCH_CLUSTER }));
  const collectors = configs.map((config) => startCollectorProcess(config));
  try {
    const urls = await Promise.all(collectors.map((collector) => collector.ready));
    const result = await drive(urls.map(eventsUrl), bodies, settings.clients);
    const reports = await Promise.all(collectors.map((collector) => collector.stop()));
    const stored =
      target === 'embedded'
        ? reports.reduce((sum, report) => sum + (report?.acceptedEvents ?? 0), 0)
        : await countFinal(servers.urls[0], target === 'clickhouse-1' ? `${database}_one.events` : `${database}_two.events_all`);
    return { ...result, stored };
  } catch (error) {
    for (const collector of collectors) collector.child.kill('SIGKILL');
    throw error;
  }
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export const collectorIngestScenario = {
  name: 'collector-ingest',
  title: (s) => `collector-ingest — ${s.events.toLocaleString('en-US')} events in batches of ${BATCH}, ${s.clients} concurrent clients (${s.reps} repetitions)`,
  async runAll(settings, { log }) {
    try {
      await import('@codex-analytics/collector');
    } catch (error) {
      log(`[collector-ingest] left out: cannot import @codex-analytics/collector (${error.code ?? error.message}); build it first.`);
      return { runs: [], table: `### ${this.title(settings)}\n\n- left out: @codex-analytics/collector cannot be imported (build it first).\n` };
    }
    const missing = clickHouseMissing();
    if (missing !== undefined) log(`[collector-ingest] ClickHouse targets left out: ${missing}`);
    const servers = missing === undefined ? await startClickHouseServers(2) : undefined;
    const runs = [];
    try {
      for (let rep = 0; rep < settings.reps; rep += 1) {
        for (const target of TARGETS) {
          if (target !== 'embedded' && servers === undefined) continue;
          try {
            const run = { rep, target, ...(await runTarget(target, settings, rep, servers)) };
            log(`[collector-ingest] rep ${rep + 1} ${target}: ${Math.round((settings.events / run.wallMs) * 1000)} events/s, p99 ${run.p99Ms.toFixed(1)} ms`);
            runs.push(run);
          } catch (error) {
            log(`[collector-ingest] rep ${rep + 1} ${target}: error: ${error instanceof Error ? error.message : String(error)}`);
            runs.push({ rep, target, error: error instanceof Error ? error.message : String(error) });
          }
        }
      }
    } finally {
      await servers?.stop();
    }
    return { runs, table: table(settings, runs, missing) };
  },
};

function cell(summary, digits) {
  if (summary === null) return '—';
  const median = formatNumber(summary.median, digits);
  return summary.n < 2 || summary.min === summary.max ? median : `${median} (${formatNumber(summary.min, digits)}–${formatNumber(summary.max, digits)})`;
}

function table(settings, runs, missing) {
  const lines = [`### ${collectorIngestScenario.title(settings)}`, ''];
  lines.push('| target | events/s | p99 answer ms | 503 retried | rows stored (FINAL) |', '| --- | --- | --- | --- | --- |');
  const rate = (run) => (settings.events / run.wallMs) * 1000;
  const medians = {};
  for (const target of TARGETS) {
    const ok = runs.filter((run) => run.target === target && run.error === undefined);
    if (ok.length === 0) continue;
    medians[target] = summarize(ok.map(rate))?.median;
    lines.push(
      `| ${LABELS[target]} | ${cell(summarize(ok.map(rate)), 0)} | ${cell(summarize(ok.map((run) => run.p99Ms)), 1)} | ${cell(summarize(ok.map((run) => run.retries)), 0)} | ${cell(summarize(ok.map((run) => run.stored)), 0)} |`,
    );
  }
  lines.push('');
  const goal = (name, holds) => `- ${name}: ${holds === undefined ? 'not measured' : holds ? 'met' : 'not met'}`;
  lines.push(goal('embedded store at 100,000 events/s or more', medians.embedded === undefined ? undefined : medians.embedded >= 100_000));
  const limit = medians['clickhouse-http'];
  for (const target of ['clickhouse-1', 'clickhouse-2']) {
    lines.push(goal(`${LABELS[target]} at half ClickHouse's own insert rate or more`, medians[target] === undefined || limit === undefined ? undefined : medians[target] >= limit / 2));
  }
  if (missing !== undefined) lines.push(`- ClickHouse targets left out: ${missing}`);
  lines.push(...runs.filter((run) => run.error !== undefined).map((run) => `- rep ${run.rep + 1} ${run.target}: ${run.error}`), '');
  return lines.join('\n');
}
