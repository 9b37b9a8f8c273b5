// Several collectors on a two-shard ClickHouse cluster (two servers on 127.0.0.1, started by the test), through faults.
// The invariant, checked at the end of each: every event a sender was answered 200 for is stored exactly once.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickHouseAvailability, startClickHouseServers, testClusterName } from './__fixtures__/clickhouse-servers.js';
import type { ClickHouseServers } from './__fixtures__/clickhouse-servers.js';
import { checkStoredExactlyOnce, clickHouseRows, createRetryingSender, keysOf, loadBody } from './__fixtures__/clickhouse-load.js';
import { createTestHttp } from './__fixtures__/http-client.js';
import type { Collector } from './collector-options.js';
import { startCollector } from './start-collector.js';

const availability = clickHouseAvailability();
if (!availability.available && process.env.CI === 'true') throw new Error(`CI=true but ${availability.reason}`);
const suite = availability.available ? describe : describe.skip;
const title = availability.available ? 'collectors on a two-shard ClickHouse cluster' : `collectors on a two-shard ClickHouse cluster (skipped: ${availability.reason})`;

const senders = 4;
const batchesPerSender = 12;
const eventsPerBatch = 25;

suite(title, () => {
  let clickhouse: ClickHouseServers;
  let folder: string;
  let cliFile: string;
  const http = createTestHttp();
  const open: Collector[] = [];
  const children: ChildProcess[] = [];
  const logger = { warn: () => undefined };
  const collectorOn = async (shard: number, database: string) => {
    const collector = await startCollector({
      logger,
      clickhouse: { url: `${clickhouse.servers[shard]!.url}/${database}`, cluster: testClusterName, pollMs: 100, requestTimeoutMs: 5000 },
    });
    open.push(collector);
    return collector;
  };

  /**
   * `senders` clients at once, each sending its batches one after the other through `urls` (in turn from its own
   * start, moving on to the next one when an attempt fails); `onAcknowledged` runs after every 200.
   */
  const load = async (name: string, urls: () => readonly string[], onAcknowledged: (count: number) => void) => {
    const sender = createRetryingSender({ maxAttempts: 400, maxWaitMs: 100 });
    const sentKeys: string[] = [];
    const statuses: number[] = [];
    let acknowledged = 0;
    try {
      await Promise.all(
        Array.from({ length: senders }, async (_, client) => {
          for (let batch = 0; batch < batchesPerSender; batch += 1) {
            const body = loadBody(`${name}-c${client}-b${batch}`, eventsPerBatch);
            const list = urls();
            const rotated = [...list.slice((client + batch) % list.length), ...list.slice(0, (client + batch) % list.length)];
            const result = await sender.send(rotated, body);
            statuses.push(...result.statuses);
            sentKeys.push(...keysOf(body, eventsPerBatch));
            acknowledged += 1;
            onAcknowledged(acknowledged);
          }
        }),
      );
    } finally {
      await sender.close();
    }
    return { sentKeys, statuses };
  };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'collector-cluster-'));
    // The bin, bundled from this source (as run-cli.test.ts does), for the collector that is killed.
    const built = build({
      config: false,
      entry: { cli: fileURLToPath(new URL('./cli.ts', import.meta.url)) },
      outDir: folder,
      format: ['cjs'],
      platform: 'node',
      target: 'node20',
      noExternal: [/.*/],
      dts: false,
      sourcemap: false,
      silent: true,
    });
    clickhouse = await startClickHouseServers(2);
    await built;
    cliFile = join(folder, 'cli.cjs');
  }, 90_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(open.map((collector) => collector.close()));
    await http.close();
    await clickhouse?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a shard killed and restarted while four clients send through two collectors: nothing lost, nothing doubled', async () => {
    const first = await collectorOn(0, 'codex_shard_fault');
    const second = await collectorOn(1, 'codex_shard_fault');
    const shard = clickhouse.servers[1]!;
    let fault: Promise<void> | undefined;
    const { sentKeys, statuses } = await load('shard', () => [first.url, second.url], (acknowledged) => {
      // A fifth of the way in, shard 2 dies (SIGKILL) and comes back 1.5 s later.
      if (acknowledged === Math.floor((senders * batchesPerSender) / 5) && fault === undefined) {
        fault = shard.kill().then(async () => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          await shard.restart();
        });
      }
    });
    await fault;
    expect(statuses.filter((status) => status !== 200).length).toBeGreaterThan(0);
    expect(sentKeys).toHaveLength(senders * batchesPerSender * eventsPerBatch);
    const check = await checkStoredExactlyOnce(clickhouse.servers[0]!.url, 'codex_shard_fault.events_all', sentKeys);
    expect(check).toMatchObject({ missing: [], doubled: [], extra: 0, final: sentKeys.length });
    // Both shards hold part of it (sharded by thread id).
    for (const server of clickhouse.servers) {
      const [local] = await clickHouseRows<{ rows: string }>(server.url, 'SELECT count() AS rows FROM codex_shard_fault.events FINAL');
      expect(Number(local?.rows)).toBeGreaterThan(0);
    }
    // Either collector answers from the store: every event, once.
    for (const collector of [first, second]) {
      expect((await http.send(`${collector.url}/api/events?limit=1`)).json().total).toBe(sentKeys.length);
    }
  }, 90_000);

  it('the same request retried through the other collector after its first attempt was committed: stored once', async () => {
    const first = await collectorOn(0, 'codex_cluster_retry');
    const second = await collectorOn(1, 'codex_cluster_retry');
    const body = loadBody('cluster-retry', 40);
    const sender = createRetryingSender();
    try {
      await sender.send([first.url], body);
      await sender.send([second.url], body);
    } finally {
      await sender.close();
    }
    const check = await checkStoredExactlyOnce(clickhouse.servers[0]!.url, 'codex_cluster_retry.events_all', keysOf(body, 40));
    expect(check).toMatchObject({ missing: [], doubled: [], extra: 0, final: 40 });
    // Both attempts wrote their rows (a background merge may already have collapsed them).
    expect(check.rows).toBeGreaterThanOrEqual(40);
  });

  it('a shard down when a collector starts: it starts, requests are answered 503 until the shard is back, nothing lost or doubled', async () => {
    const shard = clickhouse.servers[1]!;
    const up = await collectorOn(0, 'codex_cluster_down');
    await shard.kill();
    let down: Collector;
    try {
      down = await collectorOn(1, 'codex_cluster_down');
      const refused = await http.send(`${down.url}/codex/analytics-events/events`, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'chatgpt-account-id': 'a' },
        body: loadBody('cluster-down-probe', 1),
      });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBeDefined();
    } finally {
      await shard.restart();
    }
    const { sentKeys } = await load('down', () => [down.url, up.url], () => undefined);
    const check = await checkStoredExactlyOnce(clickhouse.servers[0]!.url, 'codex_cluster_down.events_all', sentKeys);
    expect(check).toMatchObject({ missing: [], doubled: [], extra: 0, final: sentKeys.length });
  }, 90_000);

  it('a collector killed mid-load: its clients move to the other one; nothing lost, nothing doubled', async () => {
    const survivor = await collectorOn(1, 'codex_collector_fault');
    const child = spawn(
      process.execPath,
      [cliFile, '--port', '0', '--clickhouse', `${clickhouse.servers[0]!.url}/codex_collector_fault`, '--clickhouse-cluster', testClusterName],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const childUrl = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`the collector exited early with ${code}`)));
    });
    let killed = false;
    const { sentKeys, statuses } = await load('kill', () => (killed ? [survivor.url, childUrl] : [childUrl, survivor.url]), (acknowledged) => {
      if (acknowledged === Math.floor((senders * batchesPerSender) / 3) && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    expect(killed).toBe(true);
    // Attempts at the killed collector failed (connection refused or cut) and went to the other one.
    expect(statuses.filter((status) => status !== 200).length).toBeGreaterThan(0);
    const check = await checkStoredExactlyOnce(clickhouse.servers[1]!.url, 'codex_collector_fault.events_all', sentKeys);
    expect(check).toMatchObject({ missing: [], doubled: [], extra: 0, final: sentKeys.length });
  }, 90_000);
});
