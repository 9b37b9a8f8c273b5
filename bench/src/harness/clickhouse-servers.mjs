// ClickHouse servers for the `collector-ingest` scenario: `count` clickhouse-servers from a temporary folder on free
// loopback ports, one `remote_servers` cluster (`bench_cluster`) of one shard each; stopped by pid at the end.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BENCH_CLUSTER = 'bench_cluster';

/** The binary: on the PATH, or where Debian puts it (/usr/sbin is not on a user's PATH). */
function serverBinary() {
  const found = spawnSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim() !== '') return found.stdout.trim();
  return ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find((path) => existsSync(path));
}

/** Why ClickHouse cannot run here, or `undefined` when it can. */
export function clickHouseMissing() {
  return serverBinary() === undefined ? 'clickhouse-server is not installed (.ci/install-clickhouse)' : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const users = `<?xml version="1.0"?><yandex><profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
<users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
<quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas></yandex>`;

function config(dir, port, shards) {
  return `<?xml version="1.0"?><yandex>
<logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/err.log</errorlog><size>10M</size><count>1</count></logger>
<listen_host>127.0.0.1</listen_host><http_port>${port.http}</http_port><tcp_port>${port.tcp}</tcp_port>
<interserver_http_port>${port.interserver}</interserver_http_port><interserver_http_host>127.0.0.1</interserver_http_host>
<max_connections>256</max_connections><keep_alive_timeout>3</keep_alive_timeout><max_concurrent_queries>100</max_concurrent_queries>
<uncompressed_cache_size>67108864</uncompressed_cache_size><mark_cache_size>67108864</mark_cache_size>
<path>${dir}/data/</path><tmp_path>${dir}/tmp/</tmp_path><user_files_path>${dir}/user_files/</user_files_path>
<users_config>${dir}/users.xml</users_config><default_profile>default</default_profile><default_database>default</default_database>
<timezone>UTC</timezone><mlock_executable>false</mlock_executable>
<remote_servers><${BENCH_CLUSTER}>${shards}</${BENCH_CLUSTER}></remote_servers></yandex>`;
}

export async function startClickHouseServers(count) {
  const root = mkdtempSync(join(tmpdir(), 'bench-clickhouse-'));
  const ports = [];
  for (let index = 0; index < count; index += 1) ports.push({ http: await freePort(), tcp: await freePort(), interserver: await freePort() });
  const shards = ports.map((port) => `<shard><replica><host>127.0.0.1</host><port>${port.tcp}</port></replica></shard>`).join('');
  const children = ports.map((port, index) => {
    const dir = join(root, `server-${index}`);
    for (const sub of ['data', 'tmp', 'user_files']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'users.xml'), users);
    writeFileSync(join(dir, 'config.xml'), config(dir, port, shards));
    return spawn(serverBinary(), [`--config-file=${join(dir, 'config.xml')}`], { stdio: 'ignore', cwd: dir });
  });
  const urls = ports.map((port) => `http://127.0.0.1:${port.http}`);
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 30_000;
    for (const url of urls) {
      for (;;) {
        const ok = await fetch(`${url}/ping`).then((response) => response.ok, () => false);
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`clickhouse-server at ${url} did not answer within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, stop };
}
