import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The user with a password the tests plant, to check that it never shows. */
export const plantedClickHouseUser = 'codex_writer';
export const plantedClickHousePassword = 'planted-clickhouse-password-7f3a9c';

/** The name of the test cluster in `remote_servers` (two shards on 127.0.0.1). */
export const testClusterName = 'codex_test_cluster';

/** The `clickhouse-server` binary: on the PATH, or where Debian puts it (/usr/sbin is not on a user's PATH). */
function serverBinary(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim() !== '') return found.stdout.trim();
  return ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find((path) => existsSync(path));
}

/** Whether `clickhouse-server` can run here; `reason` says why not. Under CI=true a missing binary is a failure. */
export function clickHouseAvailability(): { available: true } | { available: false; reason: string } {
  if (serverBinary() !== undefined) return { available: true };
  return { available: false, reason: 'clickhouse-server is not installed (Debian: apt-get install clickhouse-server clickhouse-client, or .ci/install-clickhouse)' };
}

export interface ClickHouseServer {
  readonly httpPort: number;
  readonly tcpPort: number;
  /** `http://127.0.0.1:<httpPort>` (user `default`, no password). */
  readonly url: string;
  readonly pid: number | undefined;
  /** Kills the process (SIGKILL, as a crash) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same folder and ports; resolves once it answers. */
  restart(): Promise<void>;
  /** Stops it (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

export interface ClickHouseServers {
  readonly servers: readonly ClickHouseServer[];
  /** Kills every server and removes the temporary folder. */
  close(): Promise<void>;
}

/**
 * Starts `count` clickhouse-servers from a temporary folder on free loopback ports, each with its own data, and one
 * `remote_servers` cluster (`testClusterName`) of one shard per server. Resolves once every one answers `/ping`.
 */
export async function startClickHouseServers(count: number): Promise<ClickHouseServers> {
  const root = mkdtempSync(join(tmpdir(), 'codex-analytics-clickhouse-'));
  const ports = await Promise.all(Array.from({ length: count }, async () => ({ http: await freePort(), tcp: await freePort(), interserver: await freePort() })));
  const shards = ports.map((port) => `<shard><replica><host>127.0.0.1</host><port>${port.tcp}</port></replica></shard>`).join('');
  const servers = ports.map((port, index) => {
    const dir = join(root, `server-${index}`);
    for (const sub of ['data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, 'users.xml'), usersXml());
    writeFileSync(join(dir, 'config.xml'), configXml(dir, port, shards));
    return createServer_(dir, port.http, port.tcp);
  });
  try {
    await Promise.all(servers.map((server) => server.restart()));
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    servers,
    // Killed (their data is thrown away with the folder): 18.16 takes about 5 s to shut down cleanly.
    close: async () => {
      await Promise.all(servers.map((server) => server.kill()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function createServer_(dir: string, httpPort: number, tcpPort: number): ClickHouseServer {
  let child: ChildProcess | undefined;
  const url = `http://127.0.0.1:${httpPort}`;
  const exited = (process_: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (process_.exitCode !== null || process_.signalCode !== null) return resolve();
      process_.once('exit', () => resolve());
    });
  const stopWith = async (signal: NodeJS.Signals) => {
    const current = child;
    child = undefined;
    if (current === undefined) return;
    const done = exited(current);
    current.kill(signal);
    const timer = setTimeout(() => current.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(timer);
  };
  return {
    httpPort,
    tcpPort,
    url,
    get pid() {
      return child?.pid;
    },
    kill: () => stopWith('SIGKILL'),
    stop: () => stopWith('SIGTERM'),
    restart: async () => {
      if (child !== undefined) return;
      const started = spawn(serverBinary() ?? 'clickhouse-server', [`--config-file=${join(dir, 'config.xml')}`], { stdio: 'ignore', cwd: dir });
      child = started;
      // A test that ends without stopping it must not leave it behind.
      const onExit = () => started.kill('SIGKILL');
      process.once('exit', onExit);
      started.once('exit', () => process.off('exit', onExit));
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (started.exitCode !== null) throw new Error(`clickhouse-server exited with ${started.exitCode} (see ${dir}/err.log)`);
        try {
          const response = await fetch(`${url}/ping`);
          if (response.ok) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`clickhouse-server on ${httpPort} did not answer within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function configXml(dir: string, port: { http: number; tcp: number; interserver: number }, shards: string): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/err.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${port.http}</http_port>
  <tcp_port>${port.tcp}</tcp_port>
  <interserver_http_port>${port.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>100</max_concurrent_queries>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <mark_cache_size>67108864</mark_cache_size>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
  <remote_servers><${testClusterName}>${shards}</${testClusterName}></remote_servers>
  <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
  <max_session_timeout>3600</max_session_timeout>
  <default_session_timeout>60</default_session_timeout>
</yandex>
`;
}

function usersXml(): string {
  const user = (name: string, password: string) =>
    `<${name}><password>${password}</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></${name}>`;
  return `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><load_balancing>in_order</load_balancing></default></profiles>
  <users>${user('default', '')}${user(plantedClickHouseUser, plantedClickHousePassword)}</users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;
}
